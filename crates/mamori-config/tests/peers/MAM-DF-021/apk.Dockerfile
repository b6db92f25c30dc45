FROM alpine:3.20
RUN apk add --allow-untrusted /tmp/tool.apk
