FROM python:3.12
ENV PIP_TRUSTED_HOST=pypi.example.com
