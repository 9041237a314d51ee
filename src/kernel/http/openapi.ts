// The OpenAPI document is generated from the same zod schemas that validate requests.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from '@fastify/type-provider-zod';
import type { FastifyInstance } from 'fastify';

export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'QuyHoạch API',
        description:
          'API của QuyHoạch: công khai quy hoạch tỉnh và theo dõi thực hiện. ' +
          'Errors are `{"error":{"code","message"}}`, with the message in Vietnamese or English by Accept-Language. ' +
          'Authenticate with a session cookie (send the CSRF token in `x-csrf-token` on writes) or `Authorization: Bearer <token>`.',
        version: '1',
        license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'qh_session' },
        },
      },
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
    // Schemas registered with an id (e.g. recursive ones) become components that $refs resolve to.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
