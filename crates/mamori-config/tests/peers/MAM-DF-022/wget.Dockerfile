FROM debian:12
RUN wget --no-check-certificate -O /tmp/tool https://example.com/tool
