FROM python:3.12
RUN pip install --trusted-host pypi.example.com tool
