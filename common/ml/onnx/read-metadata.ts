import { ModelProto } from './onnx-schema';

export interface OnnxModelInfo {
  readonly modelVersion: number;
  readonly metadata: Readonly<Record<string, string>>;
  readonly featureNames: readonly string[];
}

/** Decodes an exported model's version and metadata_props; throws with the reason when the bytes are not ONNX. */
export function readOnnxMetadata(bytes: Uint8Array): OnnxModelInfo {
  const decoded = ModelProto.toObject(ModelProto.decode(bytes), { longs: Number }) as {
    model_version?: number;
    metadata_props?: { key: string; value: string }[];
  };
  const metadata = Object.fromEntries((decoded.metadata_props ?? []).map((entry) => [entry.key, entry.value]));
  const names: unknown = JSON.parse(metadata['feature_names'] ?? '[]');
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
    throw new Error('ONNX metadata: feature_names is not a JSON array of strings');
  }
  return { modelVersion: decoded.model_version ?? 0, metadata, featureNames: names };
}
