FROM rockylinux:9
RUN yum install -y --nogpgcheck tool
