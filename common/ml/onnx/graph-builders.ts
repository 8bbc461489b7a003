import { AttributeType, DataType, ONNX_DESCRIPTOR } from './onnx-descriptor';
import { encodeMessage } from './wire-encoder';

/** Plain objects in the shape of the onnx.proto3 messages (snake_case, as in the descriptor). */
export interface TensorMessage {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}

export type AttributeValue = number | string | number[] | string[];

export interface NodeMessage {
  op_type: string;
  domain: string;
  name: string;
  input: string[];
  output: string[];
  attribute: object[];
}

/** A float32 constant with row-major data, stored little-endian in raw_data as the spec requires. */
export function floatTensor(name: string, dims: number[], values: ArrayLike<number>): TensorMessage {
  const data = Float32Array.from(values as ArrayLike<number>);
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return { name, dims, data_type: DataType.FLOAT, raw_data: bytes };
}

/** An int64 constant (e.g. the sizes of a Split), little-endian in raw_data. */
export function int64Tensor(name: string, dims: number[], values: readonly number[]): TensorMessage {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
  return { name, dims, data_type: DataType.INT64, raw_data: bytes };
}

/** Attribute typed by the declared kind: 'int' | 'float' | 'string' | 'ints' | 'floats' | 'strings'. */
export function attribute(name: string, kind: 'int' | 'float' | 'string' | 'ints' | 'floats' | 'strings', value: AttributeValue): object {
  const encoder = new TextEncoder();
  switch (kind) {
    case 'int':
      return { name, type: AttributeType.INT, i: value as number };
    case 'float':
      return { name, type: AttributeType.FLOAT, f: value as number };
    case 'string':
      return { name, type: AttributeType.STRING, s: encoder.encode(value as string) };
    case 'ints':
      return { name, type: AttributeType.INTS, ints: value as number[] };
    case 'floats':
      return { name, type: AttributeType.FLOATS, floats: value as number[] };
    case 'strings':
      return { name, type: AttributeType.STRINGS, strings: (value as string[]).map((s) => encoder.encode(s)) };
  }
}

export function node(opType: string, inputs: string[], outputs: string[], attributes: object[] = [], domain = ''): NodeMessage {
  return { op_type: opType, domain, name: outputs[0]!, input: inputs, output: outputs, attribute: attributes };
}

/** A float tensor value with a symbolic batch dimension first. */
export function floatValueInfo(name: string, shape: (number | string)[]): object {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: DataType.FLOAT,
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}

export interface ModelSpec {
  readonly graphName: string;
  readonly nodes: NodeMessage[];
  readonly initializers: TensorMessage[];
  readonly featureCount: number;
  readonly opsets: { domain: string; version: number }[];
  readonly metadata: Record<string, string>;
  readonly modelVersion: number;
  /** Outputs besides `probability` [N, 1], e.g. the trees' `contributions` [N, F]. */
  readonly extraOutputs?: readonly { name: string; shape: (number | string)[] }[];
}

export const INPUT_NAME = 'features';
export const OUTPUT_NAME = 'probability';
/** The tree models' second output: per-feature path contributions in log-odds [N, F]. */
export const CONTRIBUTIONS_NAME = 'contributions';

/** Serialises a one-input (`features` float [N, F]) model whose first output is `probability` float [N, 1]. */
export function encodeModel(spec: ModelSpec): Uint8Array {
  return encodeMessage(ONNX_DESCRIPTOR.nested.onnx, 'ModelProto', {
    ir_version: 8,
    producer_name: 'outpost',
    producer_version: '1',
    model_version: spec.modelVersion,
    opset_import: spec.opsets,
    metadata_props: Object.entries(spec.metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: spec.graphName,
      node: spec.nodes,
      initializer: spec.initializers,
      input: [floatValueInfo(INPUT_NAME, ['N', spec.featureCount])],
      output: [floatValueInfo(OUTPUT_NAME, ['N', 1]), ...(spec.extraOutputs ?? []).map((o) => floatValueInfo(o.name, o.shape))],
    },
  });
}
