import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { COMMAND_DECLARATIONS } from '../apps/ledger/src/command-catalogue';

/**
 * Every route of the API the application serves (not the workspace's pages), read from what declares it rather than from the OpenAPI document:
 * the write routes from COMMAND_DECLARATIONS (route and DTO), every other route from its controller's
 * Nest metadata (method, path, the DTO classes of its @Query and @Body), and each DTO's fields from its
 * class-validator (and class-transformer, for nested DTOs) metadata.
 */
/** The metadata @ApiExcludeController() sets (@nestjs/swagger's DECORATORS.API_EXCLUDE_CONTROLLER, not exported). */
const API_EXCLUDE_CONTROLLER = 'swagger/apiExcludeController';

export interface FieldSchema {
  type?: 'string' | 'integer' | 'boolean' | 'object' | 'array';
  enum?: unknown[];
  items?: FieldSchema;
  properties?: Record<string, FieldSchema>;
  required?: string[];
}

export interface DeclaredParameter {
  in: 'path' | 'query';
  name: string;
  required: boolean;
  schema: FieldSchema;
}

export interface DeclaredRoute {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style: `/bodies/{bodyId}`. */
  path: string;
  parameters: DeclaredParameter[];
  body?: FieldSchema;
  /** The command declared for it, for a write route. */
  command?: string;
}

// class-transformer keeps its metadata storage out of its public entry point; its types are shipped apart.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

const METHODS: Partial<Record<RequestMethod, DeclaredRoute['method']>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

const openApiPath = (...parts: string[]) =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/')}`.replace(/:(\w+)/g, '{$1}');

/** The fields of a DTO class as its validators declare them. */
export function schemaOfDto(dto: Type<unknown>, depth = 0): FieldSchema {
  const properties: Record<string, FieldSchema> = {};
  const required: string[] = [];
  const byProperty = new Map<string, ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  }
  for (const [name, metadatas] of byProperty) {
    const names = new Set(metadatas.map((metadata) => metadata.name ?? metadata.type));
    const each = metadatas.some((metadata) => metadata.each);
    const optional = metadatas.some((metadata) => metadata.type === ValidationTypes.CONDITIONAL_VALIDATION);
    let field: FieldSchema = {};
    const isIn = metadatas.find((metadata) => metadata.name === 'isIn');
    if (metadatas.some((metadata) => metadata.type === ValidationTypes.NESTED_VALIDATION)) {
      const nested = defaultMetadataStorage.findTypeMetadata(dto, name)?.typeFunction() as Type<unknown> | undefined;
      field = nested && depth < 4 ? schemaOfDto(nested, depth + 1) : { type: 'object' };
    } else if (isIn) field = { enum: [...(isIn.constraints[0] as unknown[])] };
    else if (names.has('isBoolean')) field = { type: 'boolean' };
    else if (names.has('isInt') || names.has('isNumber')) field = { type: 'integer' };
    else if (names.has('isObject')) field = { type: 'object' };
    else field = { type: 'string' };
    properties[name] = each || names.has('isArray') ? { type: 'array', items: field } : field;
    if (!optional) required.push(name);
  }
  return { type: 'object', properties, required };
}

interface RouteArgument {
  index: number;
  data?: string;
}

/** Every route of every controller, and every declared command's route, once. */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const routes = new Map<string, DeclaredRoute>();
  for (const declaration of COMMAND_DECLARATIONS) {
    const path = openApiPath(declaration.route);
    const pathIds = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    routes.set(`post ${path}`, {
      method: 'post',
      path,
      command: declaration.command,
      parameters: pathIds.map((name) => ({ in: 'path', name, required: true, schema: { type: 'string' } })),
      body: schemaOfDto(declaration.dto),
    });
  }
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      // A controller kept out of the API's document serves people, not the API (the workspace's HTML forms).
      if (!controller || Reflect.getMetadata(API_EXCLUDE_CONTROLLER, controller)?.[0] === true) continue;
      const prefix = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value;
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const routePath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (!method || routePath === undefined) continue;
        for (const one of Array.isArray(routePath) ? routePath : [routePath]) {
          const path = openApiPath(prefix, one);
          if (routes.has(`${method} ${path}`)) continue;
          routes.set(`${method} ${path}`, routeOf(controller, name, method, path));
        }
      }
    }
  }
  return [...routes.values()];
}

function routeOf(controller: Type<unknown>, handler: string, method: DeclaredRoute['method'], path: string): DeclaredRoute {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<string, RouteArgument>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, handler) ?? []) as Type<unknown>[];
  const parameters: DeclaredParameter[] = [...path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    in: 'path',
    name: match[1],
    required: true,
    schema: { type: 'string' },
  }));
  let body: FieldSchema | undefined;
  for (const [key, argument] of Object.entries(args)) {
    const kind = Number(key.split(':')[0]);
    const type = types[argument.index];
    const dto = type && type !== Object && type !== String ? schemaOfDto(type) : undefined;
    if (kind === RouteParamtypes.QUERY) {
      if (argument.data) parameters.push({ in: 'query', name: argument.data, required: false, schema: { type: 'string' } });
      else
        for (const [name, schema] of Object.entries(dto?.properties ?? {}))
          parameters.push({ in: 'query', name, required: dto?.required?.includes(name) ?? false, schema });
    } else if (kind === RouteParamtypes.BODY) {
      body = dto ?? { type: 'object' };
    }
  }
  return { method, path, parameters, body };
}
