#!/usr/bin/env bash
# make demo — the main job on the bundled demo estate.
# Today: the real CloudMapper demo account (fixtures/aws/cloudmapper-demo), asked the
# questions an access review asks of its public bucket, and a small Azure tenant
# (fixtures/azure/estate) asked who reaches its synthetic-data storage. (`scan` and
# the full synthetic-data estate come with their issues.)
set -u
bin=${1:?usage: demo.sh PERMGRAPH}
cd "$(dirname "$0")/.." || exit 3
demo=fixtures/aws/cloudmapper-demo
az=fixtures/azure/estate
st=/subscriptions/0b1d0000-1111-4222-8333-000000000001/resourceGroups/synthetic-rg/providers/Microsoft.Storage/storageAccounts/stsynthdata
out=reports/demo
mkdir -p "$out"
run() {
	echo
	echo "\$ permgraph $*"
	"$bin" "$@"
	return 0
}
{
	run who-can s3:GetObject arn:aws:s3:::cloudmapper_demo/data.csv "$demo"
	run who-can sns:Publish arn:aws:sns:us-east-1:123456789012:demo_public "$demo"
	run explain '*' s3:GetObject arn:aws:s3:::cloudmapper_demo/data.csv "$demo"
	run explain arn:aws:iam::123456789012:role/exfiller s3:PutObject arn:aws:s3:::cloudmapper_demo/x "$demo"
	run who-can Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read \
		"$st/blobServices/default/containers/tenant-acme" "$az"
	run explain 'dana_partner.example#EXT#@fabrikamsaas.onmicrosoft.com' \
		Microsoft.Storage/storageAccounts/listKeys/action "$st" "$az"
	run scan "$az"
} 2>&1 | tee "$out/demo.txt"
"$bin" who-can -f json -o "$out/who-can-public-bucket.json" s3:GetObject arn:aws:s3:::cloudmapper_demo/data.csv "$demo" 2>/dev/null
"$bin" who-can -f json -o "$out/who-can-synthetic-container.json" \
	Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read \
	"$st/blobServices/default/containers/tenant-acme" "$az" 2>/dev/null
"$bin" scan -q -f json -o "$out/scan-azure-estate.json" "$az" 2>/dev/null
echo
echo "reports written to $out/ (demo.txt, who-can-public-bucket.json, who-can-synthetic-container.json, scan-azure-estate.json)"
