// The part of papaparse's API that common/ uses, for the layer check only (common/tsconfig.json maps 'papaparse'
// here). @types/papaparse starts with `/// <reference types="node" />`, which would let every Node global into the
// check; the root tsconfig still checks common/ against the real types. Add here what common/ starts to use.
export interface ParseError {
  readonly code: string;
  readonly message: string;
  readonly row?: number;
}
export interface ParseStepResult<T> {
  readonly data: T;
  readonly errors: readonly ParseError[];
  readonly meta: { readonly cursor: number };
}
export interface ParseConfig<T> {
  readonly skipEmptyLines?: boolean | 'greedy';
  readonly step?: (result: ParseStepResult<T>) => void;
}
export interface UnparseConfig {
  readonly newline?: string;
  readonly quotes?: boolean | readonly boolean[];
}
declare const Papa: {
  parse<T>(input: string, config: ParseConfig<T>): void;
  unparse(data: { fields: readonly unknown[]; data: readonly (readonly unknown[])[] }, config?: UnparseConfig): string;
};
export default Papa;
