FROM alpine:3.10
RUN apk add --no-cache curl
USER 10001
