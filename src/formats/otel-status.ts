// OpenTelemetry's exporters to Jaeger and Zipkin write a span's status as tags:
// otel.status_code (OK or ERROR; UNSET is left out) and otel.status_description.
import type { StatusCode } from '../model/trace.ts';

/** The status code an otel.status_code value names, or undefined when it names none. */
export function otelStatusCode(text: string): StatusCode | undefined {
  switch (text.trim().toUpperCase()) {
    case 'ERROR':
    case 'STATUS_CODE_ERROR':
    case '2':
      return 'error';
    case 'OK':
    case 'STATUS_CODE_OK':
    case '1':
      return 'ok';
    case 'UNSET':
    case 'STATUS_CODE_UNSET':
    case '0':
      return 'unset';
    default:
      return undefined;
  }
}
