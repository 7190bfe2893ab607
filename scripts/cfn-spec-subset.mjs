#!/usr/bin/env node
// Writes src/test/resources/cfn-spec/resource-spec-subset.json (and README.md
// beside it) from the db.json.gz of an unpacked @aws-cdk/aws-service-spec npm
// package. Node standard library only. Normally run through
// scripts/update-cfn-spec.sh, which downloads the package first.
//
// usage: node scripts/cfn-spec-subset.mjs --package-dir DIR --types FILE --out-dir DIR [--integrity SRI]
//
// The output is deterministic: object keys are sorted, arrays keep the
// database's order (attribute names and union members excepted, see below),
// 2-space indent, trailing newline. Same package version => same bytes.
//
// Type encoding in the output (a "type" is one of):
//   "string" | "integer" | "number" | "boolean" | "json" | "timestamp"   primitives
//   "tag"                       CloudFormation's shared Tag: {Key: string (required), Value: string (required)}
//   "object"                    (attributes only) a structure; its shape is not recorded
//   {"primitive": P, "allowedValues": [...]}    a primitive restricted to an enumeration
//   {"listOf": T}               a JSON array of T
//   {"mapOf": T}                a JSON object whose values are T (keys are free)
//   {"propertyType": "Name"}    a structure defined in the resource's "propertyTypes"
//   {"oneOf": [T, ...]}         a union: the value must match one of the members

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`);
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${a}`);
    args[a.slice(2)] = value;
    i++;
  }
  for (const required of ['package-dir', 'types', 'out-dir']) {
    if (!args[required]) throw new Error(`missing --${required}`);
  }
  return args;
}

function readTypesFile(path) {
  const seen = new Set();
  const types = [];
  readFileSync(path, 'utf8').split(/\r?\n/).forEach((line, i) => {
    const t = line.replace(/#.*/, '').trim();
    if (!t) return;
    if (!/^[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+$/.test(t)) {
      throw new Error(`${path}:${i + 1}: not a resource type name: ${t}`);
    }
    if (seen.has(t)) throw new Error(`${path}:${i + 1}: duplicate type ${t}`);
    seen.add(t);
    types.push(t);
  });
  return types;
}

// Recursively sorts object keys so JSON.stringify output is canonical.
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical(value[k]);
    return out;
  }
  return value;
}

const PRIMITIVES = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  json: 'json',
  'date-time': 'timestamp',
  tag: 'tag',
};

function main() {
  const args = parseArgs(process.argv.slice(2));
  const pkgDir = args['package-dir'];
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const dbGz = readFileSync(join(pkgDir, 'db.json.gz'));
  const dbSha256 = createHash('sha256').update(dbGz).digest('hex');
  const db = JSON.parse(gunzipSync(dbGz).toString('utf8'));
  if (!db.schema || !db.schema.resource || !db.schema.typeDefinition) {
    throw new Error('db.json.gz is not in the @aws-cdk/service-spec-types database format');
  }

  const resources = new Map();
  for (const r of db.schema.resource.entities) {
    if (resources.has(r.cloudFormationType)) {
      throw new Error(`resource type ${r.cloudFormationType} appears twice in the database`);
    }
    resources.set(r.cloudFormationType, r);
  }
  const typeDefs = new Map(db.schema.typeDefinition.entities.map((e) => [e.$id, e]));

  const wanted = readTypesFile(args.types);
  const missing = wanted.filter((t) => !resources.has(t));
  if (missing.length > 0) {
    throw new Error(`not in ${pkg.name}@${pkg.version}: ${missing.join(', ')}`);
  }

  const resourceTypes = {};
  for (const cfnType of wanted) {
    const r = resources.get(cfnType);
    // name -> $id of every property type this resource needs, to catch two
    // different definitions that share a name within one resource.
    const used = new Map();
    const pending = [];

    const encode = (t, where, forAttribute) => {
      switch (t.type) {
        case 'ref': {
          const def = typeDefs.get(t.reference.$ref);
          if (!def) throw new Error(`${where}: dangling type reference ${t.reference.$ref}`);
          if (forAttribute) return 'object';
          const prior = used.get(def.name);
          if (prior === undefined) {
            used.set(def.name, def.$id);
            pending.push(def);
          } else if (prior !== def.$id) {
            throw new Error(`${cfnType}: two different property types are named ${def.name}`);
          }
          return { propertyType: def.name };
        }
        case 'array':
          return { listOf: encode(t.element, where, forAttribute) };
        case 'map':
          return { mapOf: encode(t.element, where, forAttribute) };
        case 'union': {
          const members = t.types.map((m) => encode(m, where, forAttribute));
          // order members canonically so a reordering in the database is no diff
          const keyed = members.map((m) => [JSON.stringify(canonical(m)), m]);
          keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
          return { oneOf: keyed.map((k) => k[1]) };
        }
        default: {
          const p = PRIMITIVES[t.type];
          if (!p) throw new Error(`${where}: unsupported type kind ${JSON.stringify(t)}`);
          if (t.allowedValues && t.allowedValues.length > 0) {
            return { primitive: p, allowedValues: [...t.allowedValues] };
          }
          return p;
        }
      }
    };

    const encodeProperties = (props, where) => {
      const out = {};
      for (const [name, p] of Object.entries(props || {})) {
        const entry = { type: encode(p.type, `${where}.${name}`, false) };
        if (p.required) entry.required = true;
        if (p.deprecated && p.deprecated !== 'NONE') entry.deprecated = true;
        out[name] = entry;
      }
      return out;
    };

    const properties = encodeProperties(r.properties, cfnType);
    const propertyTypes = {};
    while (pending.length > 0) {
      const def = pending.shift();
      propertyTypes[def.name] = { properties: encodeProperties(def.properties, `${cfnType}.${def.name}`) };
    }
    const attributes = {};
    for (const [name, a] of Object.entries(r.attributes || {})) {
      attributes[name] = encode(a.type, `${cfnType} attribute ${name}`, true);
    }
    resourceTypes[cfnType] = { attributes, properties, propertyTypes };
  }

  const source = {
    package: pkg.name,
    version: pkg.version,
    license: pkg.license,
    file: 'db.json.gz',
    dbSha256,
  };
  if (args.integrity) source.integrity = args.integrity;
  const header = {
    comment:
      'Generated by scripts/update-cfn-spec.sh from AWS\'s CloudFormation resource specification as shipped in ' +
      `${pkg.name}@${pkg.version} (${pkg.license}). Do not edit: list types in types.txt and rerun the script. ` +
      'Type encoding is described in scripts/cfn-spec-subset.mjs and README.md.',
    ...source,
  };
  const doc = { header, resourceTypes };

  const outJson = join(args['out-dir'], 'resource-spec-subset.json');
  writeFileSync(outJson, JSON.stringify(canonical(doc), null, 2) + '\n');

  const licenseFile = join(args['out-dir'], 'LICENSE-aws-service-spec.txt');
  writeFileSync(join(args['out-dir'], 'README.md'), readme(pkg, source, wanted.length, existsSync(licenseFile)));
  console.log(`wrote ${outJson}: ${wanted.length} resource types from ${pkg.name}@${pkg.version}`);
}

function readme(pkg, source, count, haveLicense) {
  return `# CloudFormation resource specification subset (test data)

\`resource-spec-subset.json\` is generated; do not edit it by hand.

| | |
| --- | --- |
| source | npm package \`${pkg.name}\`, file \`db.json.gz\` (the \`@aws-cdk/service-spec-types\` database of AWS's CloudFormation resource specification) |
| version | ${pkg.version} |
| license | ${pkg.license}${haveLicense ? ' (copy in `LICENSE-aws-service-spec.txt`)' : ''} |
| db.json.gz sha256 | \`${source.dbSha256}\` |
${source.integrity ? `| package integrity | \`${source.integrity}\` |\n` : ''}| resource types | ${count}, listed in \`types.txt\` |

The subset holds, for each type in \`types.txt\`: its properties (name, type,
required), its \`Fn::GetAtt\` attribute names and types, and the property types
it uses. \`src/test/java/dev/stackwright/cfnspec/ResourceSpecCheck.java\`
validates generated templates against it: \`ResourceSpecCheck.load().check(template)\`
returns the violations (empty when valid), \`assertValid(template)\` throws on any.
Scalars are checked like cfn-lint's default (CloudFormation converts a number or
boolean given for a string, a numeric string given for a number, and so on);
\`strictTypes()\` requires exact JSON types, like cfn-lint's strict mode.

## Updating

    scripts/update-cfn-spec.sh            # regenerate from the version recorded above
    scripts/update-cfn-spec.sh 0.1.217    # or from another version
    scripts/update-cfn-spec.sh latest     # or from the newest published version

Needs node and npm (the npm registry) only. To cover a new resource type, add it
to \`types.txt\` and rerun. Rerunning with the same version rewrites identical
bytes.

## Type encoding

- \`"string"\`, \`"integer"\`, \`"number"\`, \`"boolean"\`, \`"json"\` (any JSON object), \`"timestamp"\`: primitives
- \`"tag"\`: the shared CloudFormation Tag, \`{Key, Value}\`, both required strings
- \`"object"\`: (attributes only) a structure whose shape is not recorded
- \`{"primitive": P, "allowedValues": [...]}\`: an enumerated primitive
- \`{"listOf": T}\`, \`{"mapOf": T}\`: a JSON array of T, a JSON object with T values
- \`{"propertyType": "Name"}\`: a structure from the resource's \`propertyTypes\`
- \`{"oneOf": [T, ...]}\`: a union; the value must match one member
`;
}

try {
  main();
} catch (e) {
  console.error(`cfn-spec-subset: ${e.message}`);
  process.exit(1);
}
