{{/*
Names used by more than one template. Names the code relies on (the pub/sub
and state store component names, topics, app ids) are fixed here, not values:
they are persisted contracts of src/ (src/events/topics.ts, the PUBSUB_NAME
default of src/infra/config.ts) and test/chart/consistency.test.ts checks the
rendered chart against the code and components/.
*/}}

{{- define "tickler.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tickler.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The Dapr apps, in the order of dapr.yaml and tye.yaml. */}}
{{- define "tickler.appIds" -}}
{{- list "api" "notifications" "audit" | toJson }}
{{- end }}

{{/* Dapr component names the code uses (PUBSUB_NAME default; the actor state store). */}}
{{- define "tickler.pubsubName" -}}pubsub{{- end }}
{{- define "tickler.stateStoreName" -}}statestore{{- end }}
{{- define "tickler.secretStoreName" -}}kubernetes-secrets{{- end }}

{{/* Topics of src/events/topics.ts; each has a dead-letter topic <topic>-dlq. */}}
{{- define "tickler.topics" -}}
{{- list "task-events" "task-updates" "reminders" | toJson }}
{{- end }}

{{- define "tickler.streamHeartbeatTopic" -}}
stream-heartbeats
{{- end }}

{{- define "tickler.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "tickler.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tickler
{{- end }}

{{/* Selector labels of one app; call with (dict "root" $ "app" "api"). */}}
{{- define "tickler.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tickler.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .app }}
{{- end }}

{{/*
The ServiceAccount of one app; call with (dict "root" $ "app" "api"). Created:
one per app (<name>-<app>), so each daprd's secret store can read only its own
app's component Secrets. Not created: the one named account for all apps.
*/}}
{{- define "tickler.serviceAccountName" -}}
{{- $v := .root.Values.serviceAccount }}
{{- if $v.create }}
{{- printf "%s-%s" (default (include "tickler.fullname" .root) $v.name) .app | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- default "default" $v.name }}
{{- end }}
{{- end }}

{{- define "tickler.image" -}}
{{- $repo := .Values.image.repository }}
{{- if .Values.image.registry }}{{ $repo = printf "%s/%s" .Values.image.registry .Values.image.repository }}{{ end }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" $repo .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" $repo (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* Kafka bootstrap servers as host:port[,host:port]: the Strimzi bootstrap Service, the chart's own Kafka pods' bootstrap Service, or the external brokers. */}}
{{- define "tickler.kafkaBrokers" -}}
{{- if eq .Values.kafka.mode "strimzi" }}
{{- printf "%s-kafka-bootstrap.%s.svc:%d" .Values.kafka.strimzi.clusterName .Release.Namespace (ternary 9093 9092 .Values.kafka.strimzi.tls | int) }}
{{- else if eq .Values.kafka.mode "pods" }}
{{- printf "%s-bootstrap.%s.svc:9092" (include "tickler.kafkaPodsName" .) .Release.Namespace }}
{{- else }}
{{- required "kafka.external.brokers is required when kafka.mode=external" .Values.kafka.external.brokers }}
{{- end }}
{{- end }}

{{/* kafka.mode=pods: name prefix of the Kafka StatefulSets, Services and ConfigMap. */}}
{{- define "tickler.kafkaPodsName" -}}
{{- printf "%s-kafka" (include "tickler.fullname" .) | trunc 40 | trimSuffix "-" }}
{{- end }}

{{/*
kafka.mode=pods: the KRaft cluster id every node is formatted with: 16 bytes
as 22 URL-safe base64 characters, derived from the release so it stays the
same across upgrades (a node whose storage carries another id refuses to
start). Hex digits are base64 characters; the last "A" keeps the unused low
bits zero, as a strict decoder wants.
*/}}
{{- define "tickler.kafkaPodsClusterId" -}}
{{- printf "%s/%s" .Release.Namespace .Release.Name | sha256sum | trunc 21 }}A
{{- end }}

{{/* Strimzi keeps its cluster CA certificate in this Secret (key ca.crt). */}}
{{- define "tickler.strimziCaSecret" -}}
{{- printf "%s-cluster-ca-cert" .Values.kafka.strimzi.clusterName }}
{{- end }}

{{/* Redis host:port of the actor state store. */}}
{{- define "tickler.redisHost" -}}
{{- if .Values.devServices.redis.enabled }}
{{- printf "%s-redis:6379" (include "tickler.fullname" .) }}
{{- else }}
{{- required "redis.host is required unless devServices.redis.enabled" .Values.redis.host }}
{{- end }}
{{- end }}

{{/*
Secrets the Kubernetes secret store of one app's daprd may read for that app's
components (and so the names its Role grants `get` on): the Kafka CA and its
own Kafka user (Strimzi) or the external Kafka credentials, and for the api,
which alone loads the state store, the Redis password. Call with
(dict "root" $ "app" "api").
*/}}
{{- define "tickler.componentSecretNames" -}}
{{- $v := .root.Values }}
{{- $names := list }}
{{- if eq $v.kafka.mode "strimzi" }}
{{- if $v.kafka.strimzi.tls }}{{ $names = append $names (include "tickler.strimziCaSecret" .root) }}{{ end }}
{{- $names = append $names (include "tickler.kafkaUserName" .) }}
{{- else if eq $v.kafka.mode "external" }}
{{- $e := $v.kafka.external }}
{{- if $e.caCert.name }}{{ $names = append $names $e.caCert.name }}{{ end }}
{{- if eq $e.authType "password" }}{{ $names = concat $names (list $e.saslUsername.name $e.saslPassword.name) }}{{ end }}
{{- if eq $e.authType "mtls" }}{{ $names = concat $names (list $e.clientCert.name $e.clientKey.name) }}{{ end }}
{{- end }}
{{- if and (eq .app "api") $v.redis.password.name }}{{ $names = append $names $v.redis.password.name }}{{ end }}
{{- $names | uniq | toJson }}
{{- end }}

{{/* A Dapr component metadata item that reads a Secret key; call with (dict "name" "caCert" "ref" $ref). */}}
{{- define "tickler.secretMetadata" -}}
- name: {{ .name }}
  secretKeyRef:
    name: {{ .ref.name }}
    key: {{ .ref.key }}
{{- end }}

{{/*
Hash of everything daprd and the app read only at start-up (the app's
ConfigMap, the Dapr components, resiliency and configuration): a change rolls
the pods.
*/}}
{{- define "tickler.configChecksum" -}}
{{- $files := list "configmap.yaml" "dapr-components.yaml" "dapr-resiliency.yaml" "dapr-configuration.yaml" }}
{{- $all := "" }}
{{- range $files }}{{ $all = printf "%s\n%s" $all (include (print $.Template.BasePath "/" .) $) }}{{ end }}
{{- $all | sha256sum }}
{{- end }}

{{/* The pub/sub component of one app (each app has its own, with its own Kafka credentials); call with (dict "root" $ "app" "api"). */}}
{{- define "tickler.appPubsubName" -}}
{{- printf "%s-%s" (include "tickler.pubsubName" .root) .app }}
{{- end }}

{{/* The api's live-stream pub/sub (STREAM_PUBSUB_NAME). */}}
{{- define "tickler.streamPubsubName" -}}
{{- printf "%s-stream" (include "tickler.pubsubName" .) }}
{{- end }}

{{/*
Who calls whom from daprd to daprd, on Dapr's internal gRPC port (50002):
service invocation (the api reads the audit app's history and forwards
webhooks and the inbox to the notifications app: the typed clients in
src/infra/clients/, built by src/api/compose.ts) and actor calls
(the notifications app's reconcile calls TaskActor in the api; api replicas
call the actors other replicas host). caller → callees.
*/}}
{{- define "tickler.daprCalls" -}}
api: [api, notifications, audit]
notifications: [api]
audit: []
{{- end }}

{{/*
The service invocations each app accepts (its accessControl): callee →
caller → operations. Dapr matches an operation as a path prefix
(/internal/history covers /internal/history/<taskId>) and compares HTTP
paths case-insensitively. Actor calls are not service invocation: Dapr's
accessControl does not apply to them (daprd checks it in CallLocal only).
*/}}
{{- define "tickler.serviceInvocations" -}}
api: {}
notifications:
  api:
    - { name: /internal/webhooks, httpVerb: [GET, POST, DELETE], action: allow }
    - { name: /internal/notifications, httpVerb: [GET], action: allow }
    - { name: /internal/email-confirmations, httpVerb: [POST], action: allow }
    - { name: /internal/invitation-emails, httpVerb: [POST], action: allow }
audit:
  api:
    - { name: /internal/history, httpVerb: [GET], action: allow }
    - { name: /internal/history-entry, httpVerb: [GET], action: allow }
    - { name: /internal/activity, httpVerb: [GET], action: allow }
{{- end }}

{{/*
Kafka access of each app (its KafkaUser's ACLs in Strimzi mode): topics it
reads (its subscriptions, GET /dapr/subscribe), topics it writes (what it
publishes, and the dead-letter topics of its subscriptions, where daprd moves
an event it gives up on) and its consumer groups (the app id; the api's live
stream has one group per pod, "api-stream-<uuid>"). test/chart checks these
against the code's subscriptions.
*/}}
{{- define "tickler.kafkaAccess" -}}
api:
  read: [task-updates, reminders, stream-heartbeats, task-events-dlq, task-updates-dlq, reminders-dlq]
  write: [task-events, task-updates, reminders, stream-heartbeats, task-updates-dlq]
  groups: [{ name: api, patternType: literal }, { name: api-stream-, patternType: prefix }]
notifications:
  read: [reminders, task-updates]
  write: [reminders-dlq, task-updates-dlq]
  groups: [{ name: notifications, patternType: literal }]
audit:
  read: [task-events]
  write: [task-events-dlq]
  groups: [{ name: audit, patternType: literal }]
{{- end }}

{{/* The Strimzi KafkaUser (and so the Secret the operator writes its SCRAM password to) of one app; call with (dict "root" $ "app" "api"). */}}
{{- define "tickler.kafkaUserName" -}}
{{- printf "%s-%s" (include "tickler.fullname" .root) .app | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Pod selector of the release's Dapr apps (every app, or the ones listed); call with (dict "root" $ "apps" (list ...)). */}}
{{- define "tickler.appsSelector" -}}
matchLabels:
  app.kubernetes.io/name: {{ include "tickler.name" .root }}
  app.kubernetes.io/instance: {{ .root.Release.Name }}
matchExpressions:
  - key: app.kubernetes.io/component
    operator: In
    values: {{ .apps | toJson }}
{{- end }}
