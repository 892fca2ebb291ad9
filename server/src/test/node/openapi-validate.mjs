// Validates OpenAPI documents: node openapi-validate.mjs FILE...
//
// Each file is checked three ways:
//  1. against the official OpenAPI JSON Schema of its version, with its internal $refs
//     resolved (@seriousme/openapi-schema-validator);
//  2. every Schema Object in it against the JSON Schema 2020-12 meta-schema, which the
//     official OpenAPI 3.1 schema leaves unchecked on purpose;
//  3. the rules no schema can state: operationIds unique, and every {name} of a path
//     template declared once as a path parameter of each operation, and the reverse.
// Prints "ok FILE" or "invalid FILE" followed by the errors; exits 1 when any file is
// invalid, 2 when called without files.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import { Validator } from "@seriousme/openapi-schema-validator";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function schemaErrors(doc) {
  const ajv = new Ajv2020({ strict: false });
  const errors = [];
  const check = (where, schema) => {
    if (!ajv.validateSchema(schema)) {
      errors.push({ where, errors: ajv.errors });
    }
  };
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    check(`components.schemas.${name}`, schema);
  }
  // every "schema" member outside the schemas themselves: parameters, bodies, responses, headers
  const walk = (node, where) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${where}[${i}]`));
    } else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "schema") {
          check(`${where}.schema`, value);
        } else {
          walk(value, `${where}.${key}`);
        }
      }
    }
  };
  walk(doc.paths ?? {}, "paths");
  walk(doc.components?.responses ?? {}, "components.responses");
  return errors;
}

function ruleErrors(doc) {
  const errors = [];
  const ids = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const template = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const method of METHODS.filter((m) => item[m])) {
      const op = item[method];
      if (op.operationId !== undefined) {
        if (ids.has(op.operationId)) {
          errors.push(`operationId ${op.operationId} at ${method} ${path} and ${ids.get(op.operationId)}`);
        }
        ids.set(op.operationId, `${method} ${path}`);
      }
      const declared = [...(item.parameters ?? []), ...(op.parameters ?? [])]
        .filter((p) => p.in === "path").map((p) => p.name);
      for (const name of template) {
        if (declared.filter((d) => d === name).length !== 1) {
          errors.push(`${method} ${path}: path parameter ${name} declared ${declared.filter((d) => d === name).length} times`);
        }
      }
      for (const name of declared.filter((d) => !template.includes(d))) {
        errors.push(`${method} ${path}: path parameter ${name} is not in the path`);
      }
    }
  }
  return errors;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node openapi-validate.mjs FILE...");
  process.exit(2);
}
let failed = false;
for (const file of files) {
  const errors = [];
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, "utf-8"));
  } catch (e) {
    errors.push(`not JSON: ${e.message}`);
  }
  if (doc !== undefined) {
    const result = await new Validator().validate(doc);
    if (!result.valid) {
      errors.push({ openapi: result.errors });
    } else if (result.version !== undefined && !String(doc.openapi).startsWith("3.1")) {
      errors.push(`expected OpenAPI 3.1, got ${doc.openapi}`);
    }
    errors.push(...schemaErrors(doc), ...ruleErrors(doc));
  }
  if (errors.length === 0) {
    console.log(`ok ${file}`);
  } else {
    failed = true;
    console.log(`invalid ${file}`);
    console.log(JSON.stringify(errors, null, 2));
  }
}
process.exit(failed ? 1 : 0);
