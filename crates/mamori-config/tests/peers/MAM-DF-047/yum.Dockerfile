FROM rockylinux:9
RUN yum-config-manager --save --setopt=sslverify=false && yum install -y tool
