/**
 * Generated from the served OpenAPI document by scripts/webApiTypes.ts
 * (openapi-typescript): do not edit. The web build regenerates it and
 * test/unit/webApiTypes.test.ts fails when it differs from the document.
 */

export interface paths {
    "/api/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List and search the caller's tasks */
        get: operations["getApiV1Tasks"];
        put?: never;
        /** Create a task */
        post: operations["postApiV1Tasks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/quick": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Quick add: create a task from one line of English */
        post: operations["postApiV1TasksQuick"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a task */
        get: operations["getApiV1TasksId"];
        put?: never;
        post?: never;
        /** Move a task and its subtasks to the trash (restorable for 30 days, then purged) and cancel their reminders */
        delete: operations["deleteApiV1TasksId"];
        options?: never;
        head?: never;
        /** Change some fields of a task */
        patch: operations["patchApiV1TasksId"];
        trace?: never;
    };
    "/api/v1/trash": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's deleted tasks that can still be restored, newest deletion first */
        get: operations["getApiV1Trash"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Bring a task back from the trash (the undo of a delete) */
        post: operations["postApiV1TasksIdRestore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/revert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make a new version equal to an earlier one (the undo of an edit, completion, move or reorder) */
        post: operations["postApiV1TasksIdRevert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Complete a task (a completion-mode series answers its next occurrence); its open subtasks too with withSubtasks=true */
        post: operations["postApiV1TasksIdComplete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reopen a completed task */
        post: operations["postApiV1TasksIdReopen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/snooze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the next reminder (not the due date) */
        post: operations["postApiV1TasksIdSnooze"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/occurrences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The next due dates of a recurring task */
        get: operations["getApiV1TasksIdOccurrences"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's lists in their order (the Inbox is made on first use) */
        get: operations["getApiV1Lists"];
        put?: never;
        /** Make a list */
        post: operations["postApiV1Lists"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lists/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a list */
        get: operations["getApiV1ListsId"];
        put?: never;
        post?: never;
        /** Delete an empty list (not the Inbox) */
        delete: operations["deleteApiV1ListsId"];
        options?: never;
        head?: never;
        /** Rename, recolour, archive or reorder a list */
        patch: operations["patchApiV1ListsId"];
        trace?: never;
    };
    "/api/v1/lists/{id}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The list's invitations still waiting for an answer, newest first (owner only; at most 50, never paged) */
        get: operations["getApiV1ListsIdInvitations"];
        put?: never;
        /** Invite a user to a list with a role (owner only; they join only by accepting; inviting again updates the role) */
        post: operations["postApiV1ListsIdInvitations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lists/{id}/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw an invitation still waiting for an answer (owner only): the invitee no longer sees it and cannot accept it */
        delete: operations["deleteApiV1ListsIdInvitationsInvitationId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Invitations waiting for the caller's answer */
        get: operations["getApiV1MeInvitations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/invitations/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation: join the list with its role */
        post: operations["postApiV1MeInvitationsIdAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/invitations/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decline an invitation */
        post: operations["postApiV1MeInvitationsIdDecline"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lists/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The list's owner and members with their roles */
        get: operations["getApiV1ListsIdMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/lists/{id}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member (owner only), or leave when it is the caller; effective at once on every request */
        delete: operations["deleteApiV1ListsIdMembersUserId"];
        options?: never;
        head?: never;
        /** Change a member's role (owner only); role owner transfers ownership */
        patch: operations["patchApiV1ListsIdMembersUserId"];
        trace?: never;
    };
    "/api/v1/lists/{id}/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audited changes of the list's tasks and of the list itself (members, roles, invitations), newest first, to every member */
        get: operations["getApiV1ListsIdActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A task's comments, oldest first (to whoever may read the task) */
        get: operations["getApiV1TasksIdComments"];
        put?: never;
        /** Comment on a task (owner, editor or commenter of its list; not a viewer) */
        post: operations["postApiV1TasksIdComments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/comments/{commentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a comment: one's own, or any as the list's owner */
        delete: operations["deleteApiV1TasksIdCommentsCommentId"];
        options?: never;
        head?: never;
        /** Edit one's own comment */
        patch: operations["patchApiV1TasksIdCommentsCommentId"];
        trace?: never;
    };
    "/api/v1/tasks/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Audit trail of a task, oldest first */
        get: operations["getApiV1TasksIdHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's history across all tasks, in recording order */
        get: operations["getApiV1History"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's tags on live tasks, most used first */
        get: operations["getApiV1Tags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tags/{tag}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a tag from all of the caller's tasks */
        delete: operations["deleteApiV1TagsTag"];
        options?: never;
        head?: never;
        /** Rename a tag, or merge it into an existing one, across the caller's tasks */
        patch: operations["patchApiV1TagsTag"];
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the caller's webhooks (secrets are never returned) */
        get: operations["getApiV1Webhooks"];
        put?: never;
        /** Register a reminder webhook */
        post: operations["postApiV1Webhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a webhook */
        delete: operations["deleteApiV1WebhooksId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The in-app inbox: upcoming reminders, then fired ones */
        get: operations["getApiV1Notifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's notification preferences (the defaults until first saved) */
        get: operations["getApiV1MePreferences"];
        /** Replace the caller's notification preferences (a field left out takes its default); a new email address is stored unconfirmed and sent a confirmation link, and nothing else is emailed to it until the link is followed */
        put: operations["putApiV1MePreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/preferences/email-confirmation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a fresh confirmation link to the stored, unconfirmed email address (earlier links stop working) */
        post: operations["postApiV1MePreferencesEmailConfirmation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/calendar-feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a secret iCalendar feed URL for the caller's open dated tasks (replaces any earlier one) */
        post: operations["postApiV1MeCalendarFeed"];
        /** Revoke the caller's calendar feed (its URL then answers 404) */
        delete: operations["deleteApiV1MeCalendarFeed"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/app-passwords": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's app passwords (never the passwords themselves), with when each was last used */
        get: operations["getApiV1MeAppPasswords"];
        put?: never;
        /** Create a named app password for a CalDAV client (Basic auth, accepted under /dav/ only); the password is answered this once */
        post: operations["postApiV1MeAppPasswords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/app-passwords/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an app password: the next request with it is refused */
        delete: operations["deleteApiV1MeAppPasswordsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/actions/{link}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Landing page of an email's one-click link (Complete, Snooze 1 h, or confirming an email address): shows a button, changes nothing; the signed link is the credential */
        get: operations["getApiV1ActionsLink"];
        put?: never;
        /** Carry out an email's one-click action (through the task's actor, or confirming the address); at most once per email and action, also when clicks race (the others answer "Already done") */
        post: operations["postApiV1ActionsLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar/{feed}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calendar feed (RFC 5545): the URL is the credential, no bearer token; at most 5,000 tasks */
        get: operations["getApiV1CalendarFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All the caller's tasks (at most 5,000): JSON with each task's history, or ?format=csv */
        get: operations["getApiV1Export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a Tickler export (JSON) or a Todoist CSV export; importing the same source again creates nothing */
        post: operations["postApiV1Import"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events: task.<kind> (data: the task) and reminder.due, id: = event id */
        get: operations["getApiV1Stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which sign-in the web app offers (dev, oidc or none); no secrets */
        get: operations["getApiV1SessionConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session/dev": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Development sign-in: { user } → a 15-minute token (only with AUTH_DEV_SIGN_IN=true) */
        post: operations["postApiV1SessionDev"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The web app */
        get: operations["get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assets/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The web app's content-hashed assets */
        get: operations["getAssetsFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: operations["getApiV1OpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reference page for this document */
        get: operations["getDocs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs/docs.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Script of the reference page */
        get: operations["getDocsDocsJs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/mcp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Model Context Protocol, Streamable HTTP, stateless (GET answers 405): revision 2026-07-28, and the 2025-era revisions after initialize */
        post: operations["postMcp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/oauth-protected-resource": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OAuth protected-resource metadata (RFC 9728) for MCP clients */
        get: operations["getWellKnownOauthProtectedResource"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness (always 200 while the process runs): up, or down when a shared dependency failed the latest background check */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness of this process: its sidecar and (api) its live-stream consumer; not the shared stores or broker */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics of the process */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        TaskCreate: {
            title: string;
            description?: string;
            /** @enum {string} */
            priority?: "none" | "low" | "medium" | "high";
            tags?: string[];
            dueAt?: string | null;
            timeZone?: components["schemas"]["TimeZone"];
            reminders?: ({
                /** @description ISO 8601 duration of weeks, days, hours, minutes and seconds, e.g. PT15M, P1D, P1DT2H */
                before: string;
            } | {
                /** Format: date-time */
                at: string;
            })[];
            recurrence?: {
                /** @description an RFC 5545 RRULE without DTSTART, at most hourly (the pattern is the part of the grammar this document promises; words rrule reads, such as "every week", are taken too) */
                rule: string;
                /**
                 * @default schedule
                 * @enum {string}
                 */
                mode: "schedule" | "completion";
            } | null;
            /** @description the list (default: the caller's Inbox); a PATCH moves the task */
            listId?: string;
            position?: string;
            /** @description make this a subtask of that task (same list, at most 4 levels; docs/subtasks.md); null: a top-level task (x-rules) */
            parentId?: string | null;
            /** @description assign the task to this user, who must be the list's owner or a member (docs/lists.md#assignees); null: unassigned (x-rules) */
            assigneeId?: string | null;
        };
        TaskPatch: {
            title?: string;
            description?: string;
            /** @enum {string} */
            priority?: "none" | "low" | "medium" | "high";
            tags?: string[];
            dueAt?: string | null;
            timeZone?: components["schemas"]["TimeZone"];
            reminders?: ({
                /** @description ISO 8601 duration of weeks, days, hours, minutes and seconds, e.g. PT15M, P1D, P1DT2H */
                before: string;
            } | {
                /** Format: date-time */
                at: string;
            })[];
            recurrence?: {
                /** @description an RFC 5545 RRULE without DTSTART, at most hourly (the pattern is the part of the grammar this document promises; words rrule reads, such as "every week", are taken too) */
                rule: string;
                /**
                 * @default schedule
                 * @enum {string}
                 */
                mode: "schedule" | "completion";
            } | null;
            /** @description the list (default: the caller's Inbox); a PATCH moves the task */
            listId?: string;
            position?: string;
            /** @description make this a subtask of that task (same list, at most 4 levels; docs/subtasks.md); null: a top-level task (x-rules) */
            parentId?: string | null;
            /** @description assign the task to this user, who must be the list's owner or a member (docs/lists.md#assignees); null: unassigned (x-rules) */
            assigneeId?: string | null;
        };
        ListCreate: {
            name: string;
            colour?: string | null;
            archived?: boolean;
            /** @description the list's place among the caller's lists (default: after the others made before) */
            position?: string;
        };
        ListPatch: {
            name?: string;
            colour?: string | null;
            archived?: boolean;
            /** @description the list's place among the caller's lists (default: after the others made before) */
            position?: string;
        };
        InvitationCreate: {
            userId?: string;
            /**
             * Format: email
             * @description invite whoever confirmed this address in their preferences; they are also sent an email with a link to join (x-rules)
             */
            email?: string;
            /**
             * @default editor
             * @enum {string}
             */
            role: "editor" | "commenter" | "viewer";
        };
        MemberPatch: {
            /**
             * @description owner transfers ownership: the member becomes the owner, the owner an editor
             * @enum {string}
             */
            role: "owner" | "editor" | "commenter" | "viewer";
        };
        Snooze: {
            /** @description ISO 8601 duration of weeks, days, hours, minutes and seconds, e.g. PT15M, P1D, P1DT2H */
            for: string;
        } | {
            /** Format: date-time */
            until: string;
        };
        Revert: {
            version: number;
        };
        CommentInput: {
            /** @description plain text (no markup is rendered); line breaks allowed */
            text: string;
        };
        /**
         * @example {
         *       "text": "Pay rent tomorrow 5pm #finance !high remind me 1 day before",
         *       "timeZone": "Europe/Berlin"
         *     }
         */
        QuickAdd: {
            text: string;
            timeZone?: components["schemas"]["TimeZone"];
            /**
             * @description me: the new task is assigned to the caller (it shows under GET /tasks?assignee=me); default: unassigned
             * @constant
             */
            assignee?: "me";
        };
        WebhookCreate: {
            /** Format: uri */
            url: string;
            secret: string;
        };
        TagRename: {
            name: string;
        };
        DevSignIn: {
            user: string;
        };
        PreferencesPut: {
            /**
             * @description IANA zone that quiet hours, the digest time and "today" are read in
             * @default UTC
             */
            timeZone: components["schemas"]["TimeZone"];
            /**
             * @description a new address is stored unconfirmed and sent a confirmation link; nothing else goes to it until the link is followed (emailConfirmed in the answer)
             * @default null
             */
            email: string | null;
            channels?: {
                /** @description any of webhook, email, inbox; inbox is always on (added if left out) */
                reminders?: ("webhook" | "email" | "inbox")[];
                /** @description any of webhook, email, inbox; inbox is always on (added if left out) */
                digest?: ("webhook" | "email" | "inbox")[];
                /** @description "assigned to you" notices: any of webhook, email, inbox (inbox added if left out); [] turns them off; left out: the same as reminders */
                assignments?: ("webhook" | "email" | "inbox")[];
            };
            /**
             * @description in timeZone; may span midnight (22:00 → 07:00)
             * @default null
             */
            quietHours: {
                start: string;
                end: string;
            } | null;
            /** @default null */
            digestTime: string | null;
            /** @description offsets before dueAt, e.g. ["PT15M"], for new tasks with a due date that name no reminders */
            defaultReminders?: string[];
        };
        AppPasswordCreate: {
            name: string;
        };
        ImportFile: {
            /** @constant */
            format: "tickler.export";
            /** @constant */
            version: 1;
            tasks: ({
                id: string;
                /**
                 * @default open
                 * @enum {string}
                 */
                status: "open" | "completed";
                title: string;
                description?: string;
                /** @enum {string} */
                priority?: "none" | "low" | "medium" | "high";
                tags?: string[];
                dueAt?: string | null;
                timeZone?: components["schemas"]["TimeZone"];
                reminders?: ({
                    /** @description ISO 8601 duration of weeks, days, hours, minutes and seconds, e.g. PT15M, P1D, P1DT2H */
                    before: string;
                } | {
                    /** Format: date-time */
                    at: string;
                })[];
                recurrence?: ({
                    /** @description an RFC 5545 RRULE without DTSTART, at most hourly (the pattern is the part of the grammar this document promises; words rrule reads, such as "every week", are taken too) */
                    rule: string;
                    /**
                     * @default schedule
                     * @enum {string}
                     */
                    mode: "schedule" | "completion";
                } & {
                    [key: string]: unknown;
                }) | null;
                /** @description the id of one of the file's lists (else the import's target list) */
                listId?: string | null;
                position?: string;
                /** @description make this a subtask of that task (same list, at most 4 levels; docs/subtasks.md); null: a top-level task (x-rules) */
                parentId?: string | null;
                /** @description assign the task to this user, who must be the list's owner or a member (docs/lists.md#assignees); null: unassigned (x-rules) */
                assigneeId?: string | null;
                seriesId?: string | null;
                /** @description the task's comments, oldest first; made again as the importer's, the file's author and times kept in importedFrom (at most 20000 per file) */
                comments?: ({
                    /** @description its id in the file: the imported comment's id is derived from it, so importing the file again makes none twice */
                    id: string;
                    /** @description if sent, the id of the task it is under */
                    taskId?: string;
                    authorId: string;
                    /** @description as POST /tasks/{id}/comments takes it */
                    text: string;
                    /** Format: date-time */
                    createdAt: string;
                    editedAt?: string | null;
                } & {
                    [key: string]: unknown;
                })[];
            } & {
                [key: string]: unknown;
            })[];
            lists?: ({
                id: string;
                name: string;
                colour?: string | null;
                archived?: boolean;
                /** @description the list's place among the caller's lists (default: after the others made before) */
                position?: string;
                /**
                 * @description the exporter's Inbox: its tasks go to the importer's Inbox
                 * @default false
                 */
                inbox: boolean;
            } & {
                [key: string]: unknown;
            })[];
        };
        /**
         * @description an IANA time zone (e.g. Europe/Berlin); aliases such as US/Eastern are taken too
         * @enum {string}
         */
        TimeZone: "Africa/Abidjan" | "Africa/Accra" | "Africa/Addis_Ababa" | "Africa/Algiers" | "Africa/Asmera" | "Africa/Bamako" | "Africa/Bangui" | "Africa/Banjul" | "Africa/Bissau" | "Africa/Blantyre" | "Africa/Brazzaville" | "Africa/Bujumbura" | "Africa/Cairo" | "Africa/Casablanca" | "Africa/Ceuta" | "Africa/Conakry" | "Africa/Dakar" | "Africa/Dar_es_Salaam" | "Africa/Djibouti" | "Africa/Douala" | "Africa/El_Aaiun" | "Africa/Freetown" | "Africa/Gaborone" | "Africa/Harare" | "Africa/Johannesburg" | "Africa/Juba" | "Africa/Kampala" | "Africa/Khartoum" | "Africa/Kigali" | "Africa/Kinshasa" | "Africa/Lagos" | "Africa/Libreville" | "Africa/Lome" | "Africa/Luanda" | "Africa/Lubumbashi" | "Africa/Lusaka" | "Africa/Malabo" | "Africa/Maputo" | "Africa/Maseru" | "Africa/Mbabane" | "Africa/Mogadishu" | "Africa/Monrovia" | "Africa/Nairobi" | "Africa/Ndjamena" | "Africa/Niamey" | "Africa/Nouakchott" | "Africa/Ouagadougou" | "Africa/Porto-Novo" | "Africa/Sao_Tome" | "Africa/Tripoli" | "Africa/Tunis" | "Africa/Windhoek" | "America/Adak" | "America/Anchorage" | "America/Anguilla" | "America/Antigua" | "America/Araguaina" | "America/Argentina/La_Rioja" | "America/Argentina/Rio_Gallegos" | "America/Argentina/Salta" | "America/Argentina/San_Juan" | "America/Argentina/San_Luis" | "America/Argentina/Tucuman" | "America/Argentina/Ushuaia" | "America/Aruba" | "America/Asuncion" | "America/Bahia" | "America/Bahia_Banderas" | "America/Barbados" | "America/Belem" | "America/Belize" | "America/Blanc-Sablon" | "America/Boa_Vista" | "America/Bogota" | "America/Boise" | "America/Buenos_Aires" | "America/Cambridge_Bay" | "America/Campo_Grande" | "America/Cancun" | "America/Caracas" | "America/Catamarca" | "America/Cayenne" | "America/Cayman" | "America/Chicago" | "America/Chihuahua" | "America/Ciudad_Juarez" | "America/Coral_Harbour" | "America/Cordoba" | "America/Costa_Rica" | "America/Coyhaique" | "America/Creston" | "America/Cuiaba" | "America/Curacao" | "America/Danmarkshavn" | "America/Dawson" | "America/Dawson_Creek" | "America/Denver" | "America/Detroit" | "America/Dominica" | "America/Edmonton" | "America/Eirunepe" | "America/El_Salvador" | "America/Fort_Nelson" | "America/Fortaleza" | "America/Glace_Bay" | "America/Godthab" | "America/Goose_Bay" | "America/Grand_Turk" | "America/Grenada" | "America/Guadeloupe" | "America/Guatemala" | "America/Guayaquil" | "America/Guyana" | "America/Halifax" | "America/Havana" | "America/Hermosillo" | "America/Indiana/Knox" | "America/Indiana/Marengo" | "America/Indiana/Petersburg" | "America/Indiana/Tell_City" | "America/Indiana/Vevay" | "America/Indiana/Vincennes" | "America/Indiana/Winamac" | "America/Indianapolis" | "America/Inuvik" | "America/Iqaluit" | "America/Jamaica" | "America/Jujuy" | "America/Juneau" | "America/Kentucky/Monticello" | "America/Kralendijk" | "America/La_Paz" | "America/Lima" | "America/Los_Angeles" | "America/Louisville" | "America/Lower_Princes" | "America/Maceio" | "America/Managua" | "America/Manaus" | "America/Marigot" | "America/Martinique" | "America/Matamoros" | "America/Mazatlan" | "America/Mendoza" | "America/Menominee" | "America/Merida" | "America/Metlakatla" | "America/Mexico_City" | "America/Miquelon" | "America/Moncton" | "America/Monterrey" | "America/Montevideo" | "America/Montserrat" | "America/Nassau" | "America/New_York" | "America/Nome" | "America/Noronha" | "America/North_Dakota/Beulah" | "America/North_Dakota/Center" | "America/North_Dakota/New_Salem" | "America/Ojinaga" | "America/Panama" | "America/Paramaribo" | "America/Phoenix" | "America/Port-au-Prince" | "America/Port_of_Spain" | "America/Porto_Velho" | "America/Puerto_Rico" | "America/Punta_Arenas" | "America/Rankin_Inlet" | "America/Recife" | "America/Regina" | "America/Resolute" | "America/Rio_Branco" | "America/Santarem" | "America/Santiago" | "America/Santo_Domingo" | "America/Sao_Paulo" | "America/Scoresbysund" | "America/Sitka" | "America/St_Barthelemy" | "America/St_Johns" | "America/St_Kitts" | "America/St_Lucia" | "America/St_Thomas" | "America/St_Vincent" | "America/Swift_Current" | "America/Tegucigalpa" | "America/Thule" | "America/Tijuana" | "America/Toronto" | "America/Tortola" | "America/Vancouver" | "America/Whitehorse" | "America/Winnipeg" | "America/Yakutat" | "Antarctica/Casey" | "Antarctica/Davis" | "Antarctica/DumontDUrville" | "Antarctica/Macquarie" | "Antarctica/Mawson" | "Antarctica/McMurdo" | "Antarctica/Palmer" | "Antarctica/Rothera" | "Antarctica/Syowa" | "Antarctica/Troll" | "Antarctica/Vostok" | "Arctic/Longyearbyen" | "Asia/Aden" | "Asia/Almaty" | "Asia/Amman" | "Asia/Anadyr" | "Asia/Aqtau" | "Asia/Aqtobe" | "Asia/Ashgabat" | "Asia/Atyrau" | "Asia/Baghdad" | "Asia/Bahrain" | "Asia/Baku" | "Asia/Bangkok" | "Asia/Barnaul" | "Asia/Beirut" | "Asia/Bishkek" | "Asia/Brunei" | "Asia/Calcutta" | "Asia/Chita" | "Asia/Colombo" | "Asia/Damascus" | "Asia/Dhaka" | "Asia/Dili" | "Asia/Dubai" | "Asia/Dushanbe" | "Asia/Famagusta" | "Asia/Gaza" | "Asia/Hebron" | "Asia/Hong_Kong" | "Asia/Hovd" | "Asia/Irkutsk" | "Asia/Jakarta" | "Asia/Jayapura" | "Asia/Jerusalem" | "Asia/Kabul" | "Asia/Kamchatka" | "Asia/Karachi" | "Asia/Katmandu" | "Asia/Khandyga" | "Asia/Krasnoyarsk" | "Asia/Kuala_Lumpur" | "Asia/Kuching" | "Asia/Kuwait" | "Asia/Macau" | "Asia/Magadan" | "Asia/Makassar" | "Asia/Manila" | "Asia/Muscat" | "Asia/Nicosia" | "Asia/Novokuznetsk" | "Asia/Novosibirsk" | "Asia/Omsk" | "Asia/Oral" | "Asia/Phnom_Penh" | "Asia/Pontianak" | "Asia/Pyongyang" | "Asia/Qatar" | "Asia/Qostanay" | "Asia/Qyzylorda" | "Asia/Rangoon" | "Asia/Riyadh" | "Asia/Saigon" | "Asia/Sakhalin" | "Asia/Samarkand" | "Asia/Seoul" | "Asia/Shanghai" | "Asia/Singapore" | "Asia/Srednekolymsk" | "Asia/Taipei" | "Asia/Tashkent" | "Asia/Tbilisi" | "Asia/Tehran" | "Asia/Thimphu" | "Asia/Tokyo" | "Asia/Tomsk" | "Asia/Ulaanbaatar" | "Asia/Urumqi" | "Asia/Ust-Nera" | "Asia/Vientiane" | "Asia/Vladivostok" | "Asia/Yakutsk" | "Asia/Yekaterinburg" | "Asia/Yerevan" | "Atlantic/Azores" | "Atlantic/Bermuda" | "Atlantic/Canary" | "Atlantic/Cape_Verde" | "Atlantic/Faeroe" | "Atlantic/Madeira" | "Atlantic/Reykjavik" | "Atlantic/South_Georgia" | "Atlantic/St_Helena" | "Atlantic/Stanley" | "Australia/Adelaide" | "Australia/Brisbane" | "Australia/Broken_Hill" | "Australia/Darwin" | "Australia/Eucla" | "Australia/Hobart" | "Australia/Lindeman" | "Australia/Lord_Howe" | "Australia/Melbourne" | "Australia/Perth" | "Australia/Sydney" | "Etc/GMT" | "Etc/GMT+1" | "Etc/GMT+10" | "Etc/GMT+11" | "Etc/GMT+12" | "Etc/GMT+2" | "Etc/GMT+3" | "Etc/GMT+4" | "Etc/GMT+5" | "Etc/GMT+6" | "Etc/GMT+7" | "Etc/GMT+8" | "Etc/GMT+9" | "Etc/GMT-1" | "Etc/GMT-10" | "Etc/GMT-11" | "Etc/GMT-12" | "Etc/GMT-13" | "Etc/GMT-14" | "Etc/GMT-2" | "Etc/GMT-3" | "Etc/GMT-4" | "Etc/GMT-5" | "Etc/GMT-6" | "Etc/GMT-7" | "Etc/GMT-8" | "Etc/GMT-9" | "Etc/UTC" | "Europe/Amsterdam" | "Europe/Andorra" | "Europe/Astrakhan" | "Europe/Athens" | "Europe/Belgrade" | "Europe/Berlin" | "Europe/Bratislava" | "Europe/Brussels" | "Europe/Bucharest" | "Europe/Budapest" | "Europe/Busingen" | "Europe/Chisinau" | "Europe/Copenhagen" | "Europe/Dublin" | "Europe/Gibraltar" | "Europe/Guernsey" | "Europe/Helsinki" | "Europe/Isle_of_Man" | "Europe/Istanbul" | "Europe/Jersey" | "Europe/Kaliningrad" | "Europe/Kiev" | "Europe/Kirov" | "Europe/Lisbon" | "Europe/Ljubljana" | "Europe/London" | "Europe/Luxembourg" | "Europe/Madrid" | "Europe/Malta" | "Europe/Mariehamn" | "Europe/Minsk" | "Europe/Monaco" | "Europe/Moscow" | "Europe/Oslo" | "Europe/Paris" | "Europe/Podgorica" | "Europe/Prague" | "Europe/Riga" | "Europe/Rome" | "Europe/Samara" | "Europe/San_Marino" | "Europe/Sarajevo" | "Europe/Saratov" | "Europe/Simferopol" | "Europe/Skopje" | "Europe/Sofia" | "Europe/Stockholm" | "Europe/Tallinn" | "Europe/Tirane" | "Europe/Ulyanovsk" | "Europe/Vaduz" | "Europe/Vatican" | "Europe/Vienna" | "Europe/Vilnius" | "Europe/Volgograd" | "Europe/Warsaw" | "Europe/Zagreb" | "Europe/Zurich" | "GMT" | "Indian/Antananarivo" | "Indian/Chagos" | "Indian/Christmas" | "Indian/Cocos" | "Indian/Comoro" | "Indian/Kerguelen" | "Indian/Mahe" | "Indian/Maldives" | "Indian/Mauritius" | "Indian/Mayotte" | "Indian/Reunion" | "Pacific/Apia" | "Pacific/Auckland" | "Pacific/Bougainville" | "Pacific/Chatham" | "Pacific/Easter" | "Pacific/Efate" | "Pacific/Enderbury" | "Pacific/Fakaofo" | "Pacific/Fiji" | "Pacific/Funafuti" | "Pacific/Galapagos" | "Pacific/Gambier" | "Pacific/Guadalcanal" | "Pacific/Guam" | "Pacific/Honolulu" | "Pacific/Kiritimati" | "Pacific/Kosrae" | "Pacific/Kwajalein" | "Pacific/Majuro" | "Pacific/Marquesas" | "Pacific/Midway" | "Pacific/Nauru" | "Pacific/Niue" | "Pacific/Norfolk" | "Pacific/Noumea" | "Pacific/Pago_Pago" | "Pacific/Palau" | "Pacific/Pitcairn" | "Pacific/Ponape" | "Pacific/Port_Moresby" | "Pacific/Rarotonga" | "Pacific/Saipan" | "Pacific/Tahiti" | "Pacific/Tarawa" | "Pacific/Tongatapu" | "Pacific/Truk" | "Pacific/Wake" | "Pacific/Wallis" | "UTC";
        McpMessage: {
            /** @constant */
            jsonrpc: "2.0";
            method: string;
            id?: string | number;
            params?: {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        Task: {
            /** Format: uuid */
            id: string;
            /** @description the list the task belongs to (each user's Inbox unless given) */
            listId: string;
            /** @description the task's place in its list: a fractional key, compared as a plain string (docs/lists.md) */
            position: string;
            /** @description the task this one is a subtask of, in the same list (at most 4 levels; docs/subtasks.md); null for a top-level task */
            parentId: string | null;
            /** @description the member of the task's list it is assigned to, who gets its reminders (docs/lists.md#assignees); null: unassigned */
            assigneeId: string | null;
            title: string;
            description: string;
            /** @enum {string} */
            status: "open" | "completed";
            /** @enum {string} */
            priority: "none" | "low" | "medium" | "high";
            tags: string[];
            dueAt: string | null;
            timeZone: string;
            reminders: ({
                /** @description ISO 8601 duration before dueAt, e.g. PT15M */
                before: string;
            } | {
                /**
                 * Format: date-time
                 * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
                 */
                at: string;
            })[];
            recurrence: {
                rule: string;
                /** @enum {string} */
                mode: "schedule" | "completion";
                /** @description read-only, in English */
                text: string;
            } | null;
            seriesId: string | null;
            snoozedUntil: string | null;
            completedAt: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
             */
            updatedAt: string;
            version: number;
        };
        QuickTask: {
            /** Format: uuid */
            id: string;
            /** @description the list the task belongs to (each user's Inbox unless given) */
            listId: string;
            /** @description the task's place in its list: a fractional key, compared as a plain string (docs/lists.md) */
            position: string;
            /** @description the task this one is a subtask of, in the same list (at most 4 levels; docs/subtasks.md); null for a top-level task */
            parentId: string | null;
            /** @description the member of the task's list it is assigned to, who gets its reminders (docs/lists.md#assignees); null: unassigned */
            assigneeId: string | null;
            title: string;
            description: string;
            /** @enum {string} */
            status: "open" | "completed";
            /** @enum {string} */
            priority: "none" | "low" | "medium" | "high";
            tags: string[];
            dueAt: string | null;
            timeZone: string;
            reminders: ({
                /** @description ISO 8601 duration before dueAt, e.g. PT15M */
                before: string;
            } | {
                /**
                 * Format: date-time
                 * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
                 */
                at: string;
            })[];
            recurrence: {
                rule: string;
                /** @enum {string} */
                mode: "schedule" | "completion";
                /** @description read-only, in English */
                text: string;
            } | null;
            seriesId: string | null;
            snoozedUntil: string | null;
            completedAt: string | null;
            /**
             * Format: date-time
             * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
             */
            updatedAt: string;
            version: number;
            parsed: components["schemas"]["ParsedSpan"][];
        };
        QuickDraft: {
            title: string;
            description: string;
            /** @enum {string} */
            priority: "none" | "low" | "medium" | "high";
            tags: string[];
            dueAt: string | null;
            timeZone: string;
            reminders: ({
                /** @description ISO 8601 duration before dueAt, e.g. PT15M */
                before: string;
            } | {
                /**
                 * Format: date-time
                 * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
                 */
                at: string;
            })[];
            recurrence: {
                rule: string;
                /** @enum {string} */
                mode: "schedule" | "completion";
                /** @description read-only, in English */
                text: string;
            } | null;
            /** @description the list the task belongs to (each user's Inbox unless given) */
            listId?: string;
            /** @description the task's place in its list: a fractional key, compared as a plain string (docs/lists.md) */
            position?: string;
            /** @description the task this one is a subtask of, in the same list (at most 4 levels; docs/subtasks.md); null for a top-level task */
            parentId?: string | null;
            /** @description the member of the task's list it is assigned to, who gets its reminders (docs/lists.md#assignees); null: unassigned */
            assigneeId?: string | null;
            parsed: components["schemas"]["ParsedSpan"][];
        };
        ParsedSpan: {
            /** @enum {string} */
            field: "dueAt" | "recurrence" | "tags" | "priority" | "reminders";
            /** @description UTF-16 offset into text */
            start: number;
            /** @description UTF-16 offset, exclusive */
            end: number;
            text: string;
            value: unknown;
            /** @description choices made where the text left something open */
            assumed?: string[];
        };
        TaskPage: {
            items: components["schemas"]["Task"][];
            /** @description the next page's cursor; null at the end (a page may be short, even empty, and still have one) */
            nextCursor: string | null;
        };
        List: {
            /** Format: uuid */
            id: string;
            ownerId: string;
            name: string;
            /** @description #rrggbb, or null */
            colour: string | null;
            archived: boolean;
            /** @description the list's place among the caller's lists (a fractional key, see docs/lists.md) */
            position: string;
            /** @description the owner's Inbox: made on first use, never deleted, archived or shared */
            inbox: boolean;
            /** @description everyone but the owner who accepted an invitation, with their role */
            members: {
                userId: string;
                /** @enum {string} */
                role: "owner" | "editor" | "commenter" | "viewer";
            }[];
            /**
             * Format: date-time
             * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
             */
            updatedAt: string;
            version: number;
        };
        Lists: {
            items: components["schemas"]["List"][];
        };
        Invitation: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            listId: string;
            userId: string;
            /** @enum {string} */
            role: "editor" | "commenter" | "viewer";
            invitedBy: string;
            createdAt: string;
        };
        PendingInvitations: {
            items: components["schemas"]["Invitation"][];
        };
        MyInvitations: {
            items: {
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                listId: string;
                userId: string;
                /** @enum {string} */
                role: "editor" | "commenter" | "viewer";
                invitedBy: string;
                createdAt: string;
                listName: string;
            }[];
        };
        Members: {
            items: {
                userId: string;
                /** @enum {string} */
                role: "owner" | "editor" | "commenter" | "viewer";
            }[];
        };
        CompleteResult: {
            task: components["schemas"]["Task"];
            next: components["schemas"]["Task"] | null;
        };
        Occurrences: {
            items: {
                /**
                 * Format: date-time
                 * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
                 */
                dueAt: string;
            }[];
        };
        Comment: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            taskId: string;
            authorId: string;
            text: string;
            /**
             * Format: date-time
             * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
             */
            createdAt: string;
            editedAt: string | null;
            /** @description made by an import (its author is the importer): who wrote it and when, as the imported file said (unverified) */
            importedFrom?: {
                authorId: string;
                /**
                 * Format: date-time
                 * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
                 */
                createdAt: string;
                editedAt: string | null;
            };
        };
        Comments: {
            /** @description oldest first */
            items: components["schemas"]["Comment"][];
        };
        HistoryEntry: {
            eventId: string;
            /** Format: uuid */
            taskId: string;
            /** @description tickler.task.<kind>.v1 */
            type: string;
            version: number;
            /**
             * Format: date-time
             * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
             */
            occurredAt: string;
            /**
             * Format: date-time
             * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
             */
            recordedAt: string;
            /** @description who made the change; the task's maker for changes the service made and for those recorded before events named who made them */
            actor: string;
            changed: string[];
            task: {
                [key: string]: unknown;
            };
        };
        History: {
            items: components["schemas"]["HistoryEntry"][];
        };
        HistoryPage: {
            items: components["schemas"]["HistoryEntry"][];
            nextCursor: string | null;
        };
        ActivityPage: {
            items: {
                eventId: string;
                /** @description tickler.task.<kind>.v1 (a task's change), tickler.list.changed.v1 (the list's) or tickler.comment.changed.v1 (a comment on one of its tasks) */
                type: string;
                /** @description the task's or the list's version after the change */
                version: number;
                /**
                 * Format: date-time
                 * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
                 */
                occurredAt: string;
                /**
                 * Format: date-time
                 * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
                 */
                recordedAt: string;
                taskId: string | null;
                task: {
                    [key: string]: unknown;
                } | null;
                changed: string[];
                /** @description who changed the task (its maker for the service's own changes and older entries), the list or the comment */
                actor: string;
                /** @description a list's change: create, update, delete, invite, answer, setRole, removeMember, withdraw; a comment's: added, edited, deleted */
                kind: string | null;
                /** @description whom a membership change is about */
                memberId: string | null;
                /** @description the list after its change */
                list: {
                    [key: string]: unknown;
                } | null;
                /** @description a comment's change: the comment after it ({ id, taskId, authorId, text, createdAt, editedAt }) */
                comment: {
                    [key: string]: unknown;
                } | null;
            }[];
            nextCursor: string | null;
        };
        Tags: {
            items: {
                tag: string;
                count: number;
            }[];
        };
        TagRenamed: {
            tag: string;
            renamedFrom: string;
            tasksChanged: number;
        };
        Webhook: {
            id: string;
            url: string;
            /**
             * Format: date-time
             * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
             */
            createdAt: string;
        };
        Webhooks: {
            items: components["schemas"]["Webhook"][];
        };
        Notifications: {
            items: {
                deliveryId: string;
                /**
                 * @description confirmation: the email with the link that confirms a new address; invitation: the email inviting the user to a list; mention: a comment that mentions the user (taskId its task, title the task's); assignment: someone else assigned the task to the user (taskId, title the task's)
                 * @enum {string}
                 */
                kind?: "reminder" | "digest" | "confirmation" | "invitation" | "mention" | "assignment";
                taskId: string | null;
                title: string;
                /**
                 * Format: date-time
                 * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
                 */
                remindAt: string;
                firedAt: string | null;
                /** @enum {string} */
                state: "scheduled" | "fired" | "delivered" | "failed";
                /** @description Held by the user's quiet hours: its channels are sent at this instant (the end of the window) */
                heldUntil?: string | null;
                /** @description When the next pending delivery is due (null when none is) */
                dueAt?: string | null;
                channels: {
                    /** @constant */
                    inbox: "delivered";
                    webhooks: {
                        url: string;
                        /** @enum {string} */
                        state: "pending" | "delivered" | "failed";
                        attempts: number;
                        lastError: string | null;
                        deliveredAt: string | null;
                    }[];
                    email?: {
                        to: string;
                        /** @enum {string} */
                        state: "pending" | "delivered" | "failed";
                        attempts: number;
                        lastError: string | null;
                        deliveredAt: string | null;
                    } | null;
                } | null;
            }[];
        };
        Preferences: {
            timeZone: string;
            email: string | null;
            /** @description the address's owner followed the confirmation link sent to it; until then no reminder or digest is emailed. Server-owned: a PUT may not send it */
            emailConfirmed: boolean;
            channels: {
                reminders: ("webhook" | "email" | "inbox")[];
                digest: ("webhook" | "email" | "inbox")[];
                /** @description "assigned to you" notices; [] when the user turned them off */
                assignments: ("webhook" | "email" | "inbox")[];
            };
            quietHours: {
                /** @description HH:MM in timeZone */
                start: string;
                /** @description HH:MM in timeZone */
                end: string;
            } | null;
            digestTime: string | null;
            defaultReminders: string[];
        };
        EmailConfirmationSent: {
            email: string;
            /** @constant */
            emailConfirmed: false;
        };
        CalendarFeed: {
            /** @description the secret feed URL: anyone holding it can read the calendar; POST again for a new one (the old stops working) */
            url: string;
        };
        AppPassword: {
            id: string;
            name: string;
            /**
             * Format: date-time
             * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
             */
            createdAt: string;
            /** @description the latest request it authenticated (to the minute); null: never used */
            lastUsedAt: string | null;
        };
        AppPasswords: {
            items: components["schemas"]["AppPassword"][];
        };
        AppPasswordCreated: {
            id: string;
            name: string;
            /**
             * Format: date-time
             * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
             */
            createdAt: string;
            /** @description the latest request it authenticated (to the minute); null: never used */
            lastUsedAt: string | null;
            /** @description the user name to give the client with this password (the caller's user id) */
            username: string;
            /** @description shown this once: only a slow hash of it is stored */
            password: string;
            /** @description the CalDAV address to give the client (docs/caldav.md) */
            url: string;
        };
        Export: {
            /** @constant */
            format: "tickler.export";
            /** @constant */
            version: 1;
            /**
             * Format: date-time
             * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
             */
            exportedAt: string;
            /** @description the user has more than 5,000 tasks; the first 5,000 by creation are here */
            truncated: boolean;
            /** @description more than 50,000 history entries; the oldest are here */
            historyTruncated: boolean;
            /** @description more than 20,000 comments: the tasks past the cut carry no comments field */
            commentsTruncated: boolean;
            /** @description the lists the caller may read (their own and those shared with them): an import makes them again as the importer's own */
            lists: {
                /** Format: uuid */
                id: string;
                name: string;
                colour: string | null;
                archived: boolean;
                position: string;
                inbox: boolean;
            }[];
            tasks: {
                /** Format: uuid */
                id: string;
                /** @description the list the task belongs to (each user's Inbox unless given) */
                listId: string;
                /** @description the task's place in its list: a fractional key, compared as a plain string (docs/lists.md) */
                position: string;
                /** @description the task this one is a subtask of, in the same list (at most 4 levels; docs/subtasks.md); null for a top-level task */
                parentId: string | null;
                /** @description the member of the task's list it is assigned to, who gets its reminders (docs/lists.md#assignees); null: unassigned */
                assigneeId: string | null;
                title: string;
                description: string;
                /** @enum {string} */
                status: "open" | "completed";
                /** @enum {string} */
                priority: "none" | "low" | "medium" | "high";
                tags: string[];
                dueAt: string | null;
                timeZone: string;
                reminders: ({
                    /** @description ISO 8601 duration before dueAt, e.g. PT15M */
                    before: string;
                } | {
                    /**
                     * Format: date-time
                     * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
                     */
                    at: string;
                })[];
                recurrence: {
                    rule: string;
                    /** @enum {string} */
                    mode: "schedule" | "completion";
                    /** @description read-only, in English */
                    text: string;
                } | null;
                seriesId: string | null;
                snoozedUntil: string | null;
                completedAt: string | null;
                /**
                 * Format: date-time
                 * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
                 */
                createdAt: string;
                /**
                 * Format: date-time
                 * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
                 */
                updatedAt: string;
                version: number;
                history: components["schemas"]["HistoryEntry"][];
                /** @description the task's comments, oldest first; absent on a task past the cut (commentsTruncated) */
                comments?: {
                    /** Format: uuid */
                    id: string;
                    authorId: string;
                    text: string;
                    /**
                     * Format: date-time
                     * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
                     */
                    createdAt: string;
                    editedAt: string | null;
                    /** @description made by an import (its author is the importer): who wrote it and when, as the imported file said (unverified) */
                    importedFrom?: {
                        authorId: string;
                        /**
                         * Format: date-time
                         * @description RFC 3339 instant (UTC, e.g. 2026-12-01T09:00:00.000Z)
                         */
                        createdAt: string;
                        editedAt: string | null;
                    };
                }[];
            }[];
        };
        ImportResult: {
            total: number;
            created: number;
            /** @description imported before (same source): nothing created */
            existing: number;
            /** @description the file's comments (Tickler JSON; a CSV has none) */
            comments: {
                created: number;
                /** @description made by an earlier import of the same file (or deleted since): not made again */
                existing: number;
                /** @description not made: the task holds 200 comments, the importer may not comment where it is, or it was deleted */
                leftOut: number;
            };
            /** @description the lists the tasks went to that the import made (or found, made by an earlier import of the same source) */
            lists: {
                /** Format: uuid */
                id: string;
                name: string;
                /** @enum {string} */
                outcome: "created" | "existing";
            }[];
            items: {
                /** @description CSV: the row (header = 1); JSON: the index in tasks */
                row: number;
                /** Format: uuid */
                id: string;
                /** @enum {string} */
                outcome: "created" | "existing";
            }[];
        };
        Problem: {
            /** @description https://tickler.dev/problems/<code> */
            type: string;
            title: string;
            status: number;
            detail?: string;
            errors?: {
                path: string;
                message: string;
            }[];
            limit?: {
                name: string;
                max: number;
            };
            taskId?: string;
            listId?: string;
            idempotencyKey?: string;
        };
        Health: {
            /** @enum {string} */
            status: "up" | "down";
        };
        Readiness: {
            /** @enum {string} */
            status: "ready" | "not ready";
            checks: {
                [key: string]: "ok" | "down";
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getApiV1Tasks: {
        parameters: {
            query?: {
                /** @description search: every word must begin a word of the title, description or tags, ignoring case and accents; words in "double quotes" must also appear in that order; at most 8 words are used, newest first unless sort is given */
                q?: string;
                status?: "open" | "completed" | "all";
                /** @description comma list of none, low, medium, high */
                priority?: string;
                /** @description repeatable (at most 20); a task must carry every tag given */
                tag?: string | string[];
                /** @description one list's tasks (any member's), which the caller may read */
                list?: string;
                /** @description me: the tasks assigned to the caller in every list they may read, whoever made them; with list, also none (unassigned) or a member's user id (x-rules) */
                assignee?: string;
                dueBefore?: string;
                dueAfter?: string;
                overdue?: "true" | "false";
                /** @description a leading - means descending: priority is none → high, -priority high → none; tasks without dueAt come last in both dueAt orders; position (the manual order) needs list */
                sort?: "dueAt" | "-dueAt" | "priority" | "-priority" | "title" | "createdAt" | "-createdAt" | "position";
                limit?: number;
                /** @description nextCursor of the previous page, with the same sort (x-rules) */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of tasks */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPage"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters. Also the rules no schema can say (x-rules): cursor: only a nextCursor this API issued, sent with the same sort; assignee: without list, only me */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1Tasks: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–200 visible ASCII characters, per user; the same key with the same request within 24 h is a replay: a create answers the same task, a change of a task answers its first status and the task as it is now, applying nothing (docs/api.md#idempotency); another request under the key: 422 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskCreate"];
            };
        };
        responses: {
            /** @description created (or replayed with the same Idempotency-Key) */
            201: {
                headers: {
                    /** @description path of the created task */
                    Location?: string;
                    /** @description the task's version in quotes ("3"); send it back as If-Match */
                    ETag?: string;
                    /** @description true when this answer replays an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    /** @description the write's Idempotency-Key: the one sent, or one the server assigned; retrying with it is a replay */
                    "Idempotency-Key"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters. Also the rules no schema can say (x-rules): dueAt: a recurrence, and a reminder `before` the due date, need a dueAt; recurrence.rule: words ("every week on monday") are read by rrule's English reader; words it cannot read are refused, naming recurrence.rule; parentId: a task in the same list (a new subtask without listId goes to its parent's list), not the task itself or one of its subtasks, at most 4 levels deep counting the task's own subtasks (docs/subtasks.md); assigneeId: the owner of the task's list or one of its members (docs/lists.md#assignees) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description idempotency_conflict: Idempotency-Key reused with another request (a create's: also after deletion or after 24 h; a change's: on the same task, within 24 h); nothing was done */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1TasksQuick: {
        parameters: {
            query?: {
                /** @description true: answer the task the text would create (200), create nothing */
                dryRun?: "true" | "false";
            };
            header?: {
                /** @description 1–200 visible ASCII characters, per user; the same key with the same request within 24 h is a replay: a create answers the same task, a change of a task answers its first status and the task as it is now, applying nothing (docs/api.md#idempotency); another request under the key: 422 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuickAdd"];
            };
        };
        responses: {
            /** @description dryRun=true: the task that would be created, nothing stored */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuickDraft"];
                };
            };
            /** @description created, with the spans of the text that became fields */
            201: {
                headers: {
                    /** @description path of the created task */
                    Location?: string;
                    /** @description the task's version in quotes ("3"); send it back as If-Match */
                    ETag?: string;
                    /** @description true when this answer replays an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    /** @description the write's Idempotency-Key: the one sent, or one the server assigned; retrying with it is a replay */
                    "Idempotency-Key"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuickTask"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters. Also the rules no schema can say (x-rules): text: holds words for the title besides the dates, tags, priority and reminders it names; title: what is left for the title is at most 200 characters; tags: each #tag at most 40 characters, at most 20 of them; dueAt: a repeat ("every week") needs a date */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description idempotency_conflict: Idempotency-Key reused with another request (a create's: also after deletion or after 24 h; a change's: on the same task, within 24 h); nothing was done */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1TasksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description task id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the task */
            200: {
                headers: {
                    /** @description the task's version in quotes ("3"); send it back as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1TasksId: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–200 visible ASCII characters, per user; the same key with the same request within 24 h is a replay: a create answers the same task, a change of a task answers its first status and the task as it is now, applying nothing (docs/api.md#idempotency); another request under the key: 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description task id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description in the trash (or a replay of the delete with the same Idempotency-Key) */
            204: {
                headers: {
                    /** @description true when this answer replays an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    /** @description the write's Idempotency-Key: the one sent, or one the server assigned; retrying with it is a replay */
                    "Idempotency-Key"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description idempotency_conflict: Idempotency-Key reused with another request (a create's: also after deletion or after 24 h; a change's: on the same task, within 24 h); nothing was done */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchApiV1TasksId: {
        parameters: {
            query?: never;
            header?: {
                /** @description the version read (3, "3" or W/"3"); a stale one answers 412 */
                "If-Match"?: string;
                /** @description 1–200 visible ASCII characters, per user; the same key with the same request within 24 h is a replay: a create answers the same task, a change of a task answers its first status and the task as it is now, applying nothing (docs/api.md#idempotency); another request under the key: 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description task id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskPatch"];
            };
        };
        responses: {
            /** @description the changed task (a move takes its subtasks along); a replay: the task as it is now, If-Match not checked again */
            200: {
                headers: {
                    /** @description the task's version in quotes ("3"); send it back as If-Match */
                    ETag?: string;
                    /** @description true when this answer replays an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    /** @description the write's Idempotency-Key: the one sent, or one the server assigned; retrying with it is a replay */
                    "Idempotency-Key"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters. Also the rules no schema can say (x-rules): dueAt: the task as changed (its stored fields and these) still has a dueAt if it recurs or has a reminder `before` the due date; recurrence.rule: words ("every week on monday") are read by rrule's English reader; words it cannot read are refused, naming recurrence.rule; parentId: a task in the same list (a new subtask without listId goes to its parent's list), not the task itself or one of its subtasks, at most 4 levels deep counting the task's own subtasks (docs/subtasks.md); listId: a subtask moves with its top-level task (whose subtasks go along), or alone with parentId null; assigneeId: the owner of the task's list or one of its members (docs/lists.md#assignees) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description version_mismatch: stale or malformed If-Match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description idempotency_conflict: Idempotency-Key reused with another request (a create's: also after deletion or after 24 h; a change's: on the same task, within 24 h); nothing was done */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Trash: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page (x-rules) */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of deleted tasks (updatedAt is when each was deleted) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPage"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters. Also the rules no schema can say (x-rules): cursor: only a nextCursor this API issued for the trash */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1TasksIdRestore: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–200 visible ASCII characters, per user; the same key with the same request within 24 h is a replay: a create answers the same task, a change of a task answers its first status and the task as it is now, applying nothing (docs/api.md#idempotency); another request under the key: 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description task id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description restored, at a new version (a replay: the task as it is now) */
            200: {
                headers: {
                    /** @description the task's version in quotes ("3"); send it back as If-Match */
                    ETag?: string;
                    /** @description true when this answer replays an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    /** @description the write's Idempotency-Key: the one sent, or one the server assigned; retrying with it is a replay */
                    "Idempotency-Key"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description idempotency_conflict: Idempotency-Key reused with another request (a create's: also after deletion or after 24 h; a change's: on the same task, within 24 h); nothing was done */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1TasksIdRevert: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–200 visible ASCII characters, per user; the same key with the same request within 24 h is a replay: a create answers the same task, a change of a task answers its first status and the task as it is now, applying nothing (docs/api.md#idempotency); another request under the key: 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description task id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Revert"];
            };
        };
        responses: {
            /** @description the task with that version's content, at a new version (unchanged if already equal; a replay: the task as it is now) */
            200: {
                headers: {
                    /** @description the task's version in quotes ("3"); send it back as If-Match */
                    ETag?: string;
                    /** @description true when this answer replays an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    /** @description the write's Idempotency-Key: the one sent, or one the server assigned; retrying with it is a replay */
                    "Idempotency-Key"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters. Also the rules no schema can say (x-rules): version: a version the task has had (at most its current version); one of its last 10 versions, else 409 cannot_undo */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description idempotency_conflict: Idempotency-Key reused with another request (a create's: also after deletion or after 24 h; a change's: on the same task, within 24 h); nothing was done */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1TasksIdComplete: {
        parameters: {
            query?: {
                /** @description true: complete its open subtasks (all levels) too */
                withSubtasks?: "true" | "false";
            };
            header?: {
                /** @description 1–200 visible ASCII characters, per user; the same key with the same request within 24 h is a replay: a create answers the same task, a change of a task answers its first status and the task as it is now, applying nothing (docs/api.md#idempotency); another request under the key: 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description task id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description completed (a replay: the task as it is now) */
            200: {
                headers: {
                    /** @description the task's version in quotes ("3"); send it back as If-Match */
                    ETag?: string;
                    /** @description true when this answer replays an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    /** @description the write's Idempotency-Key: the one sent, or one the server assigned; retrying with it is a replay */
                    "Idempotency-Key"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompleteResult"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description idempotency_conflict: Idempotency-Key reused with another request (a create's: also after deletion or after 24 h; a change's: on the same task, within 24 h); nothing was done */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1TasksIdReopen: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–200 visible ASCII characters, per user; the same key with the same request within 24 h is a replay: a create answers the same task, a change of a task answers its first status and the task as it is now, applying nothing (docs/api.md#idempotency); another request under the key: 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description task id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description reopened (a replay: the task as it is now) */
            200: {
                headers: {
                    /** @description the task's version in quotes ("3"); send it back as If-Match */
                    ETag?: string;
                    /** @description true when this answer replays an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    /** @description the write's Idempotency-Key: the one sent, or one the server assigned; retrying with it is a replay */
                    "Idempotency-Key"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description idempotency_conflict: Idempotency-Key reused with another request (a create's: also after deletion or after 24 h; a change's: on the same task, within 24 h); nothing was done */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1TasksIdSnooze: {
        parameters: {
            query?: never;
            header?: {
                /** @description 1–200 visible ASCII characters, per user; the same key with the same request within 24 h is a replay: a create answers the same task, a change of a task answers its first status and the task as it is now, applying nothing (docs/api.md#idempotency); another request under the key: 422 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description task id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Snooze"];
            };
        };
        responses: {
            /** @description snoozed (a replay: the task as it is now) */
            200: {
                headers: {
                    /** @description the task's version in quotes ("3"); send it back as If-Match */
                    ETag?: string;
                    /** @description true when this answer replays an earlier request with the same Idempotency-Key */
                    "Idempotent-Replayed"?: "true";
                    /** @description the write's Idempotency-Key: the one sent, or one the server assigned; retrying with it is a replay */
                    "Idempotency-Key"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters. Also the rules no schema can say (x-rules): until: a snooze ends in the future (a `for` of zero does not) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description idempotency_conflict: Idempotency-Key reused with another request (a create's: also after deletion or after 24 h; a change's: on the same task, within 24 h); nothing was done */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1TasksIdOccurrences: {
        parameters: {
            query?: {
                count?: number;
            };
            header?: never;
            path: {
                /** @description task id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description upcoming occurrences */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Occurrences"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Lists: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the lists */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lists"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1Lists: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ListCreate"];
            };
        };
        responses: {
            /** @description made */
            201: {
                headers: {
                    /** @description path of the created task */
                    Location?: string;
                    /** @description the task's version in quotes ("3"); send it back as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1ListsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description list id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the list */
            200: {
                headers: {
                    /** @description the task's version in quotes ("3"); send it back as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1ListsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description list id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchApiV1ListsId: {
        parameters: {
            query?: never;
            header?: {
                /** @description the version read (3, "3" or W/"3"); a stale one answers 412 */
                "If-Match"?: string;
            };
            path: {
                /** @description list id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ListPatch"];
            };
        };
        responses: {
            /** @description the changed list */
            200: {
                headers: {
                    /** @description the task's version in quotes ("3"); send it back as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description version_mismatch: stale or malformed If-Match */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1ListsIdInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description list id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the waiting invitations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PendingInvitations"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1ListsIdInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description list id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InvitationCreate"];
            };
        };
        responses: {
            /** @description the invitation */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters. Also the rules no schema can say (x-rules): userId: userId or email, exactly one; email: an address a user confirmed (one user) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1ListsIdInvitationsInvitationId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description list id */
                id: string;
                /** @description invitation id */
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description withdrawn */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1MeInvitations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description invitations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MyInvitations"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1MeInvitationsIdAccept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description invitation id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the list joined */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["List"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1MeInvitationsIdDecline: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description invitation id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description declined */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1ListsIdMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description list id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description members */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Members"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1ListsIdMembersUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description list id */
                id: string;
                /** @description the member's user id */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchApiV1ListsIdMembersUserId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description list id */
                id: string;
                /** @description the member's user id */
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberPatch"];
            };
        };
        responses: {
            /** @description members */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Members"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1ListsIdActivity: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page (x-rules) */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description list id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of activity */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityPage"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters. Also the rules no schema can say (x-rules): cursor: only a nextCursor this API issued */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1TasksIdComments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description task id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the comments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comments"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1TasksIdComments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description task id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentInput"];
            };
        };
        responses: {
            /** @description the comment */
            201: {
                headers: {
                    /** @description path of the created task */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1TasksIdCommentsCommentId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description task id */
                id: string;
                /** @description comment id */
                commentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchApiV1TasksIdCommentsCommentId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description task id */
                id: string;
                /** @description comment id */
                commentId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommentInput"];
            };
        };
        responses: {
            /** @description the edited comment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description forbidden: a member of the list whose role does not allow this (`errors` names the field) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1TasksIdHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description task id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the task's history */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["History"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1History: {
        parameters: {
            query?: {
                limit?: number;
                /** @description nextCursor of the previous page (x-rules) */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of history */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HistoryPage"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters. Also the rules no schema can say (x-rules): cursor: only a nextCursor this API issued */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Tags: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description tags with counts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tags"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1TagsTag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the tag */
                tag: string & unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    patchApiV1TagsTag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the tag */
                tag: string & unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagRename"];
            };
        };
        responses: {
            /** @description renamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TagRenamed"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Webhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description webhooks */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhooks"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1Webhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookCreate"];
            };
        };
        responses: {
            /** @description registered */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters. Also the rules no schema can say (x-rules): url: must not point at a loopback, private or link-local address (unless the deployment allows it) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1WebhooksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description webhook id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Notifications: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description notifications */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notifications"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1MePreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the preferences */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preferences"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    putApiV1MePreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreferencesPut"];
            };
        };
        responses: {
            /** @description the preferences now stored (emailConfirmed: false after a new address) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preferences"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters. Also the rules no schema can say (x-rules): email: an email channel needs an email address; quietHours.end: differs from quietHours.start */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1MePreferencesEmailConfirmation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description sent */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EmailConfirmationSent"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description no_email, already_confirmed, or email_changed (the address changed meanwhile) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1MeCalendarFeed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the feed URL */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarFeed"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1MeCalendarFeed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description revoked (also when there was none) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1MeAppPasswords: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppPasswords"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1MeAppPasswords: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppPasswordCreate"];
            };
        };
        responses: {
            /** @description the password, its user name and the CalDAV URL */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppPasswordCreated"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description limit_reached: the caller has 20 app passwords already (revoke one first) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteApiV1MeAppPasswordsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description app password id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1ActionsLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the signed link token from the email */
                link: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML page with a button that POSTs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description HTML page: the link is not valid (tampered). Also the rules no schema can say (x-rules): link: only a link this API signed and emailed (any other answers the HTML page of 400) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description HTML page: the link's user may no longer act on the task (removed from its list); nothing changed */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description HTML page: the link has expired (7 days; an address confirmation 48 hours), confirms an address that was changed since, or joins a list by an invitation no longer waiting (answered or withdrawn) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1ActionsLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the signed link token from the email */
                link: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML page saying what was done (or that it was already done) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description HTML page: the link is not valid (tampered). Also the rules no schema can say (x-rules): link: only a link this API signed and emailed (any other answers the HTML page of 400) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description HTML page: the link's user may no longer act on the task (removed from its list); nothing changed, the link is not used up */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description HTML page: another click on this link is still being carried out (reload to see its outcome) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description HTML page: the link has expired, confirms an address that was changed since, or joins a list by an invitation no longer waiting (answered or withdrawn; nothing changed) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1CalendarFeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the secret token, with .ics */
                feed: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description iCalendar: one VEVENT per open task with a due date */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": unknown;
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Export: {
        parameters: {
            query?: {
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the export (as an attachment) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": unknown;
                    "application/json": components["schemas"]["Export"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1Import: {
        parameters: {
            query?: {
                /** @description put every task in this list (the caller must be able to add tasks there) */
                list?: string;
                /** @description put every task in a new list of this name (a Todoist CSV is one project: its name); the same name again finds the list the first import made (x-rules) */
                listName?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImportFile"];
                "text/csv": string;
            };
        };
        responses: {
            /** @description what was created and what existed already */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResult"];
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters. Also the rules no schema can say (x-rules): tasks: each task as POST /tasks takes it: a recurrence, or a reminder `before` the due date, needs a dueAt (tasks.<index>.dueAt); lists: each list as POST /lists takes it (lists.<index>.name); listName: not with list */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1Stream: {
        parameters: {
            query?: never;
            header?: {
                /** @description id of the last frame received: the task changes and reminders after it are replayed (from the replica's window or the history), else one `resync` frame */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description an endless event stream. Frames: `id: <event id>`, `event: task.created|task.updated|task.completed|task.reopened|task.snoozed|task.deleted` (data: the task), `event: comment.added|comment.edited|comment.deleted` (data: the comment and `actor`, to the task's readers), `event: reminder.due` (data: { task, remindAt, firedAt, deliveryId }), `event: resync` when Last-Event-ID can be resumed from neither the replica's window nor the history (unknown id, or more than 1000 events missed: reload what you show); `: keep-alive` comments every 15 s. Delivery is at least once: deduplicate on the id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": unknown;
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1SessionConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description { mode, ... } */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postApiV1SessionDev: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DevSignIn"];
            };
        };
        responses: {
            /** @description { token, user, expiresAt } */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getAssetsFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description asset file name */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description script, style or image */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "*/*": unknown;
                };
            };
            /** @description not_found: no such task (or another user's) or resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApiV1OpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenAPI 3.1 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDocs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description HTML */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": unknown;
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getDocsDocsJs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JavaScript */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": unknown;
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    postMcp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["McpMessage"];
            };
        };
        responses: {
            /** @description JSON-RPC answer, as JSON. A 2025-era request's Accept must name both application/json and text/event-stream (MCP Streamable HTTP), else 406 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": unknown;
                    "application/json": unknown;
                };
            };
            /** @description notification accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description malformed JSON (problem+json) or not a valid JSON-RPC message, an MCP-Protocol-Version header that disagrees with the body (-32020), or a revision not served (-32022, naming the served one) (JSON-RPC error) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": unknown;
                    "application/json": unknown;
                };
            };
            /** @description unauthorized: missing, invalid or expired token */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description GET and DELETE: the endpoint is stateless */
            405: {
                headers: {
                    /** @description the methods the path takes */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": unknown;
                };
            };
            /** @description 2025-era: Accept must name application/json and text/event-stream (JSON-RPC error) */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description payload_too_large: body over 64 KiB (an import: over 5 MiB) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description unsupported_media_type: body that is not JSON */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After */
            503: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getWellKnownOauthProtectedResource: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description metadata */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After */
            429: {
                headers: {
                    /** @description seconds to wait before retrying (the budget, or a write whose outcome is unknown) */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description not ready */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": unknown;
                };
            };
            /** @description internal */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
