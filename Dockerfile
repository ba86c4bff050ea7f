# Production image: the compiled app and its runtime dependencies only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time: the logo and the component sources AdminJS names in its bundle map.
COPY --from=build /app/src/admin/static ./src/admin/static
COPY --from=build /app/src/admin/components ./src/admin/components
# The public form's script and stylesheet are served from the sources.
COPY --from=build /app/src/modules/lead/public-form/static ./src/modules/lead/public-form/static
# History attachments (UPLOAD_DIR in docker-compose.yml): a volume the app's user can write.
RUN mkdir -p /data/uploads && chown node:node /data/uploads
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:3000/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
