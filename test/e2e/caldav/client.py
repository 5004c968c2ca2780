"""One step of a CalDAV client session, done with the Python `caldav` library
(PyPI, obtained by scripts/obtain/davclients.sh). Called by
test/e2e/caldav.test.ts as `python client.py <step> <json args>`; prints one
JSON object. Only the library's own API is used, so what Tickler serves is
read as an independent client reads it."""
import json
import sys
from datetime import datetime

import caldav
from caldav.elements import cdav, dav, ical
from caldav.lib import error as caldav_error


def client(a):
    return caldav.DAVClient(url=a["url"], username=a["username"], password=a["password"])


def todo_out(obj):
    obj.load()
    return {"url": str(obj.url), "data": obj.data, "etag": getattr(obj, "props", {}).get("{DAV:}getetag")}


def main():
    step, a = sys.argv[1], json.loads(sys.argv[2])
    c = client(a)
    if step == "discover":
        principal = c.principal()
        calendars = principal.calendars()
        out = []
        for cal in calendars:
            comps = cal.get_supported_components()
            out.append({"url": str(cal.url), "name": cal.get_display_name(), "components": comps})
        print(json.dumps({"principal": str(principal.url), "calendars": out}))
    elif step == "create":
        cal = c.calendar(url=a["calendar"])
        todo = cal.save_todo(a["ical"])
        print(json.dumps({"url": str(todo.url)}))
    elif step == "get":
        cal = c.calendar(url=a["calendar"])
        todo = cal.todo_by_uid(a["uid"]) if "uid" in a else caldav.Todo(client=c, url=a["href"], parent=cal)
        todo.load()
        r = c.request(str(todo.url), "GET")
        print(json.dumps({"url": str(todo.url), "data": todo.data, "etag": r.headers.get("ETag")}))
    elif step == "put":
        r = c.put(a["href"], a["ical"], {"Content-Type": "text/calendar; charset=utf-8", **a.get("headers", {})})
        print(json.dumps({"status": r.status}))
    elif step == "todos":
        cal = c.calendar(url=a["calendar"])
        todos = cal.todos(include_completed=a.get("include_completed", False))
        print(json.dumps({"todos": [{"url": str(t.url), "data": t.data} for t in todos]}))
    elif step == "complete":
        cal = c.calendar(url=a["calendar"])
        todo = cal.todo_by_uid(a["uid"])
        todo.complete(handle_rrule=a.get("handle_rrule", False))
        print(json.dumps({"url": str(todo.url)}))
    elif step == "delete":
        cal = c.calendar(url=a["calendar"])
        todo = cal.todo_by_uid(a["uid"])
        todo.delete()
        print(json.dumps({"deleted": str(todo.url)}))
    elif step == "search":
        cal = c.calendar(url=a["calendar"])
        start = datetime.fromisoformat(a["start"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(a["end"].replace("Z", "+00:00"))
        found = cal.search(todo=True, start=start, end=end, include_completed=True)
        print(json.dumps({"todos": [{"url": str(t.url), "data": t.data} for t in found]}))
    elif step == "search_expand":
        # The recurrence set expanded by the server (CALDAV:expand), one object per instance.
        cal = c.calendar(url=a["calendar"])
        start = datetime.fromisoformat(a["start"].replace("Z", "+00:00"))
        end = datetime.fromisoformat(a["end"].replace("Z", "+00:00"))
        found = cal.search(todo=True, start=start, end=end, include_completed=True, expand=True, server_expand=True)
        # The same request with the library's own expansion and filtering off: the objects as the server answered them.
        raw = cal.search(todo=True, start=start, end=end, include_completed=True, expand=False, server_expand=True, split_expanded=False, post_filter=False)
        print(json.dumps({"todos": [{"url": str(t.url), "data": t.data} for t in found], "served": [t.data for t in raw]}))
    elif step == "sync":
        cal = c.calendar(url=a["calendar"])
        coll = cal.objects_by_sync_token(sync_token=a.get("token"), load_objects=True)
        objs = [{"url": str(o.url), "data": o.data} for o in coll]
        deleted = sorted(str(u) for u in getattr(coll, "deleted_urls", set()))
        print(json.dumps({"token": coll.sync_token, "objects": objs, "deleted": deleted}))
    elif step == "make_calendar":
        # MKCALENDAR at a URL the library mints (a fresh UUID), then its PROPPATCH of the displayname.
        principal = c.principal()
        try:
            cal = principal.make_calendar(name=a["name"], supported_calendar_component_set=a.get("components"))
            print(json.dumps({"ok": True, "url": str(cal.url)}))
        except caldav_error.DAVError as err:
            print(json.dumps({"ok": False, "error": type(err).__name__}))
    elif step == "set_properties":
        cal = c.calendar(url=a["calendar"])
        props = []
        if "name" in a:
            props.append(dav.DisplayName(a["name"]))
        if "color" in a:
            props.append(ical.CalendarColor(a["color"]))
        if "order" in a:
            props.append(ical.CalendarOrder(str(a["order"])))
        if "description" in a:
            props.append(cdav.CalendarDescription(a["description"]))
        try:
            cal.set_properties(props)
            print(json.dumps({"ok": True}))
        except caldav_error.DAVError as err:
            print(json.dumps({"ok": False, "error": type(err).__name__}))
    elif step == "properties":
        cal = c.calendar(url=a["calendar"])
        got = cal.get_properties([dav.DisplayName(), ical.CalendarColor(), ical.CalendarOrder()])
        print(json.dumps({"name": got.get(dav.DisplayName.tag), "color": got.get(ical.CalendarColor.tag), "order": got.get(ical.CalendarOrder.tag)}))
    elif step == "description":
        cal = c.calendar(url=a["calendar"])
        print(json.dumps({"description": cal.get_property(cdav.CalendarDescription())}))
    else:
        raise SystemExit(f"unknown step {step}")


if __name__ == "__main__":
    main()
