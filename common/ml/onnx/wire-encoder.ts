/**
 * A protobuf wire-format encoder driven by a protobufjs-style JSON descriptor (ONNX_DESCRIPTOR), without code
 * generation. Written by hand because protobufjs compiles its encoders with `Function` at run time, which the app's
 * Content-Security-Policy forbids (no 'unsafe-eval'), and the in-app retrain must export its ONNX file in a worker.
 * It writes exactly what protobufjs writes (fields in id order; packed scalars where the descriptor says so;
 * absent fields and empty repeated fields left out), so the shipped models' bytes do not change — the training
 * test compares them byte for byte.
 */
interface FieldDescriptor {
  readonly type: string;
  readonly id: number;
  readonly rule?: string;
  readonly options?: { readonly packed?: boolean };
}

interface TypeDescriptor {
  readonly fields?: Readonly<Record<string, FieldDescriptor>>;
  readonly values?: Readonly<Record<string, number>>;
  readonly nested?: Readonly<Record<string, TypeDescriptor>>;
}

const VARINT = new Set(['int32', 'int64', 'uint32', 'uint64', 'bool']);

class Writer {
  private chunks: number[] = [];
  byte(b: number): void {
    this.chunks.push(b & 0xff);
  }
  varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }
  tag(id: number, wireType: number): void {
    this.varint((id << 3) | wireType);
  }
  bytes(data: Uint8Array): void {
    this.varint(data.length);
    for (const b of data) this.byte(b);
  }
  float(v: number): void {
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, v, true);
    for (let i = 0; i < 4; i++) this.byte(view.getUint8(i));
  }
  double(v: number): void {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) this.byte(view.getUint8(i));
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

const utf8 = new TextEncoder();

/** Resolves a field's type name from the enclosing type outwards, as protobufjs does. */
function resolve(scopes: readonly TypeDescriptor[], name: string): TypeDescriptor | undefined {
  for (let i = scopes.length - 1; i >= 0; i--) {
    const found = scopes[i]!.nested?.[name];
    if (found) return found;
  }
  return undefined;
}

function writeScalar(w: Writer, type: string, value: unknown): void {
  if (type === 'float') w.float(value as number);
  else if (type === 'double') w.double(value as number);
  else if (VARINT.has(type)) w.varint(typeof value === 'boolean' ? (value ? 1 : 0) : (value as number));
  else throw new Error(`wire encoder: unsupported scalar type ${type}`);
}

function wireTypeOf(type: string): number {
  if (type === 'float') return 5;
  if (type === 'double') return 1;
  return 0;
}

function encodeInto(w: Writer, scopes: readonly TypeDescriptor[], type: TypeDescriptor, message: Readonly<Record<string, unknown>>): void {
  const fields = Object.entries(type.fields ?? {}).sort((a, b) => a[1].id - b[1].id);
  const inner = [...scopes, type];
  for (const [name, field] of fields) {
    const value = message[name];
    if (value === undefined || value === null) continue;
    // protobufjs (proto3 semantics for these fields) leaves an empty string out; so do we, for the same bytes.
    if (field.rule !== 'repeated' && field.type === 'string' && value === '') continue;
    const target = field.type === 'string' || field.type === 'bytes' || VARINT.has(field.type) || field.type === 'float' || field.type === 'double' ? undefined : resolve(inner, field.type);
    const isEnum = target?.values !== undefined;
    const scalarType = isEnum ? 'int32' : field.type;
    const writeOne = (item: unknown) => {
      if (field.type === 'string') {
        w.tag(field.id, 2);
        w.bytes(utf8.encode(item as string));
      } else if (field.type === 'bytes') {
        w.tag(field.id, 2);
        w.bytes(item as Uint8Array);
      } else if (target && !isEnum) {
        w.tag(field.id, 2);
        const sub = new Writer();
        encodeInto(sub, inner, target, item as Record<string, unknown>);
        w.bytes(sub.finish());
      } else {
        w.tag(field.id, wireTypeOf(scalarType));
        writeScalar(w, scalarType, item);
      }
    };
    if (field.rule === 'repeated') {
      const items = value as readonly unknown[];
      if (items.length === 0) continue;
      const packable = !target || isEnum ? field.type !== 'string' && field.type !== 'bytes' : false;
      if (packable && field.options?.packed !== false) {
        w.tag(field.id, 2);
        const sub = new Writer();
        for (const item of items) writeScalar(sub, scalarType, item);
        w.bytes(sub.finish());
      } else for (const item of items) writeOne(item);
    } else writeOne(value);
  }
}

/** Encodes `message` (plain object, field names as in the descriptor) as the message `typeName` of `packageScope`. */
export function encodeMessage(packageScope: TypeDescriptor, typeName: string, message: Readonly<Record<string, unknown>>): Uint8Array {
  const type = packageScope.nested?.[typeName];
  if (!type?.fields) throw new Error(`wire encoder: no message type ${typeName}`);
  const w = new Writer();
  encodeInto(w, [packageScope], type, message);
  return w.finish();
}
