// Validate SARIF files against the vendored official SARIF 2.1.0 schema
// (OASIS errata01, JSON Schema draft-04). Usage: node validate.cjs FILE...
// Prints "FILE: valid" or every schema error; exits 1 when any file fails.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

let failed = 0;
for (const file of process.argv.slice(2)) {
	let doc;
	try {
		doc = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		console.log(`${file}: not JSON: ${e.message}`);
		failed++;
		continue;
	}
	if (validate(doc)) {
		console.log(`${file}: valid`);
		continue;
	}
	failed++;
	for (const err of validate.errors)
		console.log(`${file}: ${err.instancePath || '/'} ${err.message} ${JSON.stringify(err.params)}`);
}
process.exit(failed ? 1 : 0);
