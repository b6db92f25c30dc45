FROM node:22
RUN yarn config set strict-ssl false && yarn install
