FROM rockylinux:9
RUN rpm -i --nosignature /tmp/tool.rpm
