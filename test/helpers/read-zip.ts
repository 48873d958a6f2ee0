import { crc32, inflateRawSync } from 'node:zlib';

const max32 = 0xffffffff;

/** The zip64 end record's entry count and central directory offset, when the classic record says "see zip64". */
function zip64End(zip: Buffer, eocd: number): { count: number; at: number } {
  const locator = eocd - 20;
  if (locator < 0 || zip.readUInt32LE(locator) !== 0x07064b50) throw new Error('zip64 sizes without a zip64 end-record locator');
  const record = Number(zip.readBigUInt64LE(locator + 8));
  if (zip.readUInt32LE(record) !== 0x06064b50) throw new Error('bad zip64 end record');
  return { count: Number(zip.readBigUInt64LE(record + 32)), at: Number(zip.readBigUInt64LE(record + 48)) };
}

/** The zip64 extended-information extra field (0x0001): the 64-bit values of the fields set to 0xffffffff, in order. */
function zip64Values(extra: Buffer, wanted: readonly boolean[]): (number | undefined)[] {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      return wanted.map((want) => {
        if (!want) return undefined;
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      });
    }
    at += 4 + size;
  }
  throw new Error('zip64 sizes without a zip64 extra field');
}

/**
 * Reads a whole zip (zip64 included) the way unzip does: from the end-of-central-directory
 * record through the central directory to each local header; checks every entry's size and CRC.
 */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end-of-central-directory record');
  let count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === max32) ({ count, at } = zip64End(zip, eocd));
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    let compressed = zip.readUInt32LE(at + 20);
    let size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    let local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (size === max32 || compressed === max32 || local === max32) {
      const [s, c, l] = zip64Values(zip.subarray(at + 46 + nameLength, at + 46 + nameLength + extra), [size === max32, compressed === max32, local === max32]);
      size = s ?? size;
      compressed = c ?? compressed;
      local = l ?? local;
    }
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + compressed);
    const data = method === 0 ? Buffer.from(body) : method === 8 ? inflateRawSync(body) : null;
    if (!data) throw new Error(`${name}: unknown method ${method}`);
    if (data.length !== size || crc32(data) !== crc) throw new Error(`${name}: size or CRC mismatch`);
    files.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}
