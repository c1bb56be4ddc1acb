FROM node:latest
ARG NPM_TOKEN
WORKDIR /app
ADD https://example.com/app.tar.gz /app/
COPY . .
RUN npm ci
CMD ["node", "server.js"]
