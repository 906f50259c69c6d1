// SKELETON: the model helper completes this file.

/** The body of `GET /schemas`: one item per object shape the API can return. `type` repeats. */
export interface SchemasResponse {
  schemas: Schema[];
}

export interface Schema {
  type: string;
  [objectType: string]: unknown;
}
