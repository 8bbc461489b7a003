import { Root, type Type } from 'protobufjs/light.js';
import { ONNX_DESCRIPTOR } from './onnx-descriptor';

export { AttributeType, DataType } from './onnx-descriptor';

/** protobufjs over the same descriptor: decoding (read-metadata.ts, tests) in Node. Its codegen needs eval, so never in the renderer. */
const root = Root.fromJSON(ONNX_DESCRIPTOR);

export const ModelProto: Type = root.lookupType('onnx.ModelProto');
