import { ApiErrorSchema } from '@nota/protocol';

/** Every refusal answers the shared ApiError; the route map lists only the success answer. */
export const errorResponses = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  404: ApiErrorSchema,
  409: ApiErrorSchema,
  410: ApiErrorSchema,
  413: ApiErrorSchema,
  426: ApiErrorSchema,
  429: ApiErrorSchema,
};
