/** express-formidable 1.x (the form parser @adminjs/express uses) has no type declarations of its own. */
declare module 'express-formidable' {
  import type { Request, RequestHandler, Response } from 'express';

  interface FormidableOptions {
    uploadDir?: string;
    keepExtensions?: boolean;
    maxFileSize?: number;
    maxFieldsSize?: number;
    maxFields?: number;
    multiples?: boolean;
  }
  interface FormidableEvent {
    event: string;
    action: (
      request: Request,
      response: Response,
      next: (error?: unknown) => void,
      ...rest: unknown[]
    ) => void;
  }
  export default function formidableMiddleware(
    options?: FormidableOptions,
    events?: FormidableEvent[],
  ): RequestHandler;
}
