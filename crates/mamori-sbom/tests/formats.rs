//! Hand-written documents in every supported serialisation, covering what the
//! real-tool tests cannot: old CycloneDX versions and tool shapes, XML
//! namespaces and entities, nested components, every language ecosystem,
//! unsupported components, SPDX `<text>` values — and hostile input, which must
//! give a one-line error naming the file and never a panic or unbounded work.
#![allow(clippy::unwrap_used)] // Tests may unwrap.

use mamori_inventory::Ecosystem;
use mamori_sbom::{read_sbom, Sbom, SbomError, SbomFormat};

fn ok(doc: &str) -> Sbom {
    read_sbom("doc", doc.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
}

fn err(doc: &[u8]) -> String {
    let e: SbomError = read_sbom("bad.sbom", doc).expect_err("should fail");
    let s = e.to_string();
    assert!(s.starts_with("bad.sbom: "), "{s}");
    assert!(!s.contains('\n'), "{s}");
    s
}

fn summary(s: &Sbom) -> Vec<String> {
    s.inventory
        .packages
        .iter()
        .map(|p| {
            format!(
                "{} {} {}{}",
                p.ecosystem,
                p.name,
                p.version,
                p.source_name
                    .as_ref()
                    .map(|n| format!(" src={n}"))
                    .unwrap_or_default()
            )
        })
        .collect()
}

const CDX_12: &str = r#"{
  "bomFormat": "CycloneDX", "specVersion": "1.2", "version": 1,
  "metadata": {
    "tools": [{"vendor": "acme", "name": "bomgen", "version": "2.1"}],
    "component": {"type": "application", "name": "shop", "version": "1.0"}
  },
  "components": [
    {"type": "operating-system", "name": "ubuntu", "version": "22.04", "description": "Ubuntu 22.04.4 LTS"},
    {"type": "library", "name": "core", "group": "@babel", "version": "7.0.0",
     "purl": "pkg:npm/%40babel/core@7.0.0", "licenses": [{"license": {"id": "MIT"}}],
     "components": [
       {"type": "library", "name": "lodash", "version": "4.17.20", "purl": "pkg:npm/lodash@4.17.20",
        "licenses": [{"expression": "MIT OR Apache-2.0"}],
        "components": [{"type": "library", "name": "x", "version": "1", "purl": "pkg:cargo/x@1"}]}
     ]},
    {"type": "library", "name": "commons-lang3", "group": "org.apache.commons", "version": "3.12.0",
     "purl": "pkg:maven/org.apache.commons/commons-lang3@3.12.0?type=jar"},
    {"type": "library", "name": "mux", "version": "v1.8.0", "purl": "pkg:golang/github.com/gorilla/mux@v1.8.0"},
    {"type": "library", "name": "framework", "version": "v10.0.0", "purl": "pkg:composer/laravel/framework@v10.0.0"},
    {"type": "library", "name": "Newtonsoft.Json", "version": "13.0.1", "purl": "pkg:nuget/Newtonsoft.Json@13.0.1"},
    {"type": "library", "name": "rails", "version": "7.0.0", "purl": "pkg:gem/rails@7.0.0",
     "evidence": {"occurrences": [{"location": "/srv/Gemfile.lock", "line": 3}]}},
    {"type": "library", "name": "PyYAML", "version": "6.0", "purl": "pkg:pypi/pyyaml@6.0"},
    {"type": "library", "name": "libssl3", "version": "3.0.2-0ubuntu1.15",
     "purl": "pkg:deb/ubuntu/libssl3@3.0.2-0ubuntu1.15?arch=amd64&distro=ubuntu-22.04&upstream=openssl",
     "licenses": [{"license": {"name": "custom text"}}]},
    {"type": "library", "name": "checkout", "version": "v4", "purl": "pkg:github/actions/checkout@v4"},
    {"type": "library", "name": "vendored-zlib", "version": "1.3"},
    {"type": "file", "name": "/etc/passwd"},
    {"type": "library", "name": "broken", "purl": "pkg:"}
  ]
}"#;

#[test]
fn cyclonedx_json_12_with_nesting_and_every_ecosystem() {
    let s = ok(CDX_12);
    assert_eq!(
        (s.format, s.spec_version.as_str()),
        (SbomFormat::CycloneDxJson, "1.2")
    );
    assert_eq!(s.producer.as_deref(), Some("bomgen 2.1"));
    assert_eq!(s.target_name.as_deref(), Some("shop"));
    let os = s.inventory.os.as_ref().unwrap();
    assert_eq!(
        (
            os.id.as_str(),
            os.version_id.as_str(),
            os.pretty_name.as_deref()
        ),
        ("ubuntu", "22.04", Some("Ubuntu 22.04.4 LTS"))
    );
    assert_eq!(
        summary(&s),
        [
            "deb libssl3 3.0.2-0ubuntu1.15 src=openssl",
            "cargo x 1",
            "pypi PyYAML 6.0",
            "npm @babel/core 7.0.0",
            "npm lodash 4.17.20",
            "go github.com/gorilla/mux v1.8.0",
            "maven org.apache.commons:commons-lang3 3.12.0",
            "rubygems rails 7.0.0",
            "composer laravel/framework v10.0.0",
            "nuget Newtonsoft.Json 13.0.1",
        ]
    );
    let lic = |name: &str| {
        s.inventory
            .packages
            .iter()
            .find(|p| p.name == name)
            .unwrap()
            .licenses
            .clone()
    };
    assert_eq!(lic("@babel/core"), ["MIT"]);
    assert_eq!(lic("lodash"), ["MIT OR Apache-2.0"]);
    assert_eq!(lic("libssl3"), ["custom text"]);
    let skipped: Vec<(&str, usize)> = s.skipped.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        skipped,
        [
            ("file", 1),
            ("invalid purl", 1),
            ("no purl", 1),
            ("pkg:github", 1)
        ]
    );
    // No recorded location: the SBOM itself is where the package was learnt from.
    for p in &s.inventory.packages {
        let want = if p.name == "rails" {
            "/srv/Gemfile.lock"
        } else {
            "doc"
        };
        assert_eq!(p.location, want, "{}", p.name);
    }
}

const CDX_XML_15: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- written by hand -->
<cdx:bom xmlns:cdx="http://cyclonedx.org/schema/bom/1.5" serialNumber="urn:uuid:x" version="1">
  <cdx:metadata>
    <cdx:tools>
      <cdx:components>
        <cdx:component type="application"><cdx:name>scanner</cdx:name><cdx:version>9.9</cdx:version></cdx:component>
      </cdx:components>
    </cdx:tools>
    <cdx:component type="container">
      <cdx:name>registry.example/app &amp; co</cdx:name>
      <cdx:components>
        <cdx:component type="library"><cdx:name>not-a-package</cdx:name><cdx:purl>pkg:npm/nope@1</cdx:purl></cdx:component>
      </cdx:components>
    </cdx:component>
  </cdx:metadata>
  <cdx:components>
    <cdx:component type="operating-system">
      <cdx:name>debian</cdx:name>
      <cdx:version>12</cdx:version>
      <cdx:properties>
        <cdx:property name="syft:distro:versionCodename">bookworm</cdx:property>
        <cdx:property name="syft:distro:idLike:0">linux</cdx:property>
      </cdx:properties>
    </cdx:component>
    <cdx:component type="library" bom-ref="a">
      <cdx:name>libgcc-s1</cdx:name>
      <cdx:version>12.2.0-14</cdx:version>
      <cdx:licenses><cdx:license><cdx:id>GPL-3.0-only</cdx:id></cdx:license></cdx:licenses>
      <cdx:purl>pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&amp;distro=debian-12&amp;upstream=gcc-12%4012.2.0-14</cdx:purl>
      <cdx:properties>
        <cdx:property name="syft:location:0:layerID">sha256:&#x61;&#98;</cdx:property>
        <cdx:property name="syft:location:0:path"><![CDATA[/var/lib/dpkg/status]]></cdx:property>
        <cdx:property name="empty"/>
      </cdx:properties>
      <cdx:components>
        <cdx:component type="library">
          <cdx:name>inner</cdx:name><cdx:version>2.0</cdx:version>
          <cdx:purl>pkg:pypi/Inner@2.0</cdx:purl>
        </cdx:component>
      </cdx:components>
    </cdx:component>
    <cdx:component type="file"/>
  </cdx:components>
</cdx:bom>"#;

#[test]
fn cyclonedx_xml_with_prefixes_entities_and_nesting() {
    let s = ok(CDX_XML_15);
    assert_eq!(
        (s.format, s.spec_version.as_str()),
        (SbomFormat::CycloneDxXml, "1.5")
    );
    assert_eq!(s.producer.as_deref(), Some("scanner 9.9"));
    assert_eq!(s.target_name.as_deref(), Some("registry.example/app & co"));
    let os = s.inventory.os.as_ref().unwrap();
    assert_eq!(
        (
            os.id.as_str(),
            os.version_id.as_str(),
            os.codename.as_deref()
        ),
        ("debian", "12", Some("bookworm"))
    );
    assert_eq!(os.id_like, ["linux"]);
    assert_eq!(
        summary(&s),
        ["deb libgcc-s1 12.2.0-14 src=gcc-12", "pypi inner 2.0"]
    );
    let p = &s.inventory.packages[0];
    assert_eq!(p.source_version.as_deref(), Some("12.2.0-14"));
    assert_eq!(p.layer.as_deref(), Some("sha256:ab"));
    assert_eq!(p.location, "/var/lib/dpkg/status");
    assert_eq!(p.licenses, ["GPL-3.0-only"]);
    assert_eq!(s.skipped.get("file"), Some(&1));
}

#[test]
fn cyclonedx_xml_14_legacy_tools() {
    let s = ok(r#"<bom xmlns="http://cyclonedx.org/schema/bom/1.4">
      <metadata><tools><tool><vendor>v</vendor><name>old</name><version>0.1</version></tool></tools></metadata>
      <components><component type="library"><name>musl</name><version>1.2.4-r2</version>
        <purl>pkg:apk/alpine/musl@1.2.4-r2?arch=aarch64&amp;distro=alpine-3.18.4</purl></component></components>
    </bom>"#);
    assert_eq!(s.producer.as_deref(), Some("old 0.1"));
    assert_eq!(summary(&s), ["apk musl 1.2.4-r2 src=musl"]);
    let os = s.inventory.os.unwrap();
    assert_eq!(
        (os.id.as_str(), os.version_id.as_str()),
        ("alpine", "3.18.4")
    );
}

const SPDX_JSON: &str = r#"{
  "spdxVersion": "SPDX-2.2", "SPDXID": "SPDXRef-DOCUMENT", "name": "doc-name",
  "creationInfo": {"creators": ["Organization: x", "Tool: gen-tool-4.0.1"]},
  "documentDescribes": ["SPDXRef-root"],
  "packages": [
    {"SPDXID": "SPDXRef-root", "name": "my-image", "primaryPackagePurpose": "CONTAINER",
     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:oci/my-image@sha256%3Aab"}]},
    {"SPDXID": "SPDXRef-a", "name": "openssl-libs", "versionInfo": "1:1.1.1k-12.el8_9",
     "licenseDeclared": "OpenSSL",
     "externalRefs": [
       {"referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*"},
       {"referenceCategory": "PACKAGE_MANAGER", "referenceType": "purl",
        "referenceLocator": "pkg:rpm/redhat/openssl-libs@1.1.1k-12.el8_9?arch=x86_64&epoch=1&upstream=openssl-1.1.1k-12.el8_9.src.rpm&distro=rhel-8.9"}
     ]},
    {"SPDXID": "SPDXRef-b", "name": "bare", "versionInfo": "1", "licenseDeclared": "NOASSERTION"}
  ],
  "relationships": [{"spdxElementId": "SPDXRef-root", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-a"}]
}"#;

#[test]
fn spdx_json_22_with_document_describes_and_rpm() {
    let s = ok(SPDX_JSON);
    assert_eq!(
        (s.format, s.spec_version.as_str()),
        (SbomFormat::SpdxJson, "SPDX-2.2")
    );
    assert_eq!(s.producer.as_deref(), Some("gen-tool 4.0.1"));
    assert_eq!(s.target_name.as_deref(), Some("my-image"));
    assert_eq!(
        summary(&s),
        ["rpm openssl-libs 1.1.1k-12.el8_9 src=openssl"]
    );
    let p = &s.inventory.packages[0];
    assert_eq!(
        (p.epoch, p.source_version.as_deref(), p.arch.as_deref()),
        (Some(1), Some("1.1.1k-12.el8_9"), Some("x86_64"))
    );
    assert_eq!(p.licenses, ["OpenSSL"]);
    let os = s.inventory.os.as_ref().unwrap();
    assert_eq!((os.id.as_str(), os.version_id.as_str()), ("rhel", "8.9"));
    assert_eq!(s.skipped_total(), 1);
}

const TAG_VALUE: &str = "## comment first
SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: tv-doc
Creator: Tool: tv-1.0
Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-root

##### Package: root
PackageName: root-dir
SPDXID: SPDXRef-root

PackageName: zlib1g
SPDXID: SPDXRef-z
PackageVersion: 1:1.2.13.dfsg-1
PackageDescription: <text>compression library
  spanning lines: with colons</text>
PackageSourceInfo: <text>built package from: zlib 1:1.2.13.dfsg-1</text>
PackageLicenseDeclared: Zlib
ExternalRef: SECURITY cpe23Type cpe:2.3:a:zlib:zlib:1.2.13:*:*:*:*:*:*:*
ExternalRef: PACKAGE-MANAGER purl pkg:deb/debian/zlib1g@1.2.13.dfsg-1?arch=amd64&distro=debian-12.5&epoch=1

FileName: ./etc/passwd
SPDXID: SPDXRef-File-passwd
FileChecksum: SHA1: 0000000000000000000000000000000000000000
";

#[test]
fn spdx_tag_value_with_text_blocks() {
    let s = ok(TAG_VALUE);
    assert_eq!(s.format, SbomFormat::SpdxTagValue);
    assert_eq!(s.producer.as_deref(), Some("tv 1.0"));
    assert_eq!(s.target_name.as_deref(), Some("root-dir"));
    assert_eq!(summary(&s), ["deb zlib1g 1:1.2.13.dfsg-1 src=zlib"]);
    let p = &s.inventory.packages[0];
    assert_eq!(p.source_version.as_deref(), Some("1:1.2.13.dfsg-1"));
    assert_eq!(p.licenses, ["Zlib"]);
    let os = s.inventory.os.as_ref().unwrap();
    assert_eq!((os.id.as_str(), os.version_id.as_str()), ("debian", "12.5"));
    // CRLF line endings read the same.
    let crlf = TAG_VALUE.replace('\n', "\r\n");
    assert_eq!(summary(&ok(&crlf)), summary(&s));
}

#[test]
fn malformed_documents_give_one_line_errors() {
    for (doc, want) in [
        (&b"<html><body/></html>"[..], "bad.sbom: xml document with root <html> is not a CycloneDX bom"),
        (b"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><components>", "unexpected end of document"),
        (b"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><a></b></bom>", "malformed xml"),
        (b"<bom><components/></bom>", "no CycloneDX namespace"),
        (b"<bom xmlns=\"http://cyclonedx.org/schema/bom/2.0\"/>", "unsupported specVersion \"2.0\""),
        (b"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><components><component><purl>&bogus;</purl></component></components></bom>", "unknown entity &bogus;"),
        (b"SPDXVersion: SPDX-2.3\nno colon here\n", "line 2: expected \"Tag: value\""),
        (b"SPDXVersion: SPDX-2.3\nPackageName: x\nPackageDescription: <text>never closed\n", "line 3: <text> never closed"),
        (b"SPDXVersion: SPDX-2.3\n\xff\xfe: x\n", "not utf-8 at byte 22"),
        (b"SPDXVersion: SPDX-1.2\n", "unsupported spdxVersion \"SPDX-1.2\""),
        (br#"{"bomFormat":"CycloneDX"}"#, "no specVersion"),
        (br#"{"spdxVersion":"SPDX-2.3","packages":[{"name":7}]}"#, "invalid type: integer `7`"),
    ] {
        let e = err(doc);
        assert!(e.contains(want), "{e:?} lacks {want:?}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // JSON: serde_json's recursion limit.
    let n = 100_000;
    let mut doc = String::from(r#"{"bomFormat":"CycloneDX","specVersion":"1.6","components":"#);
    for _ in 0..n {
        doc.push_str(r#"[{"type":"library","components":"#);
    }
    doc.push_str("[]");
    for _ in 0..n {
        doc.push_str("}]");
    }
    doc.push('}');
    assert!(err(doc.as_bytes()).contains("recursion limit"));
    // XML: our own depth limit.
    let mut doc = String::from(r#"<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components>"#);
    for _ in 0..n {
        doc.push_str("<component><components>");
    }
    assert!(err(doc.as_bytes()).contains("nested deeper than 64"));
    let mut doc = String::from(r#"<bom xmlns="http://cyclonedx.org/schema/bom/1.6">"#);
    for _ in 0..n {
        doc.push_str("<x>");
    }
    assert!(err(doc.as_bytes()).contains("nested too deeply"));
}

#[test]
fn many_components_are_read_with_bounded_output() {
    // 50k components: every one becomes one package; nothing is quadratic
    // enough to matter at this size (no timing asserted).
    let mut doc = String::from(r#"{"bomFormat":"CycloneDX","specVersion":"1.6","components":["#);
    for i in 0..50_000 {
        if i > 0 {
            doc.push(',');
        }
        doc.push_str(&format!(
            r#"{{"type":"library","name":"p{i}","version":"1","purl":"pkg:npm/p{i}@1"}}"#
        ));
    }
    doc.push_str("]}");
    let s = ok(&doc);
    assert_eq!(s.inventory.packages.len(), 50_000);
    assert!(s
        .inventory
        .packages
        .iter()
        .all(|p| p.ecosystem == Ecosystem::Npm));
}

/// A small deterministic generator, so failures reproduce.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Mutated documents (bytes flipped, inserted, deleted, truncated, spliced)
/// either read or fail with a one-line error; they never panic.
#[test]
fn mutated_documents_never_panic() {
    let seeds = [CDX_12, CDX_XML_15, SPDX_JSON, TAG_VALUE];
    let specials: &[&[u8]] = &[
        b"%",
        b"%ff",
        b"@",
        b"?",
        b"#",
        b"&",
        b"&amp;",
        b"<text>",
        b"</text>",
        b"{",
        b"}",
        b"[",
        b"]",
        b"\"",
        b"<",
        b">",
        b"/",
        b":",
        b"pkg:",
        b"\xff",
        b"\n",
        b"\0",
        b"epoch=99999999999",
        b"distro=-",
        b"upstream=@",
        b".src.rpm",
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut oks = 0;
    let mut errs = 0;
    for seed in seeds {
        for _ in 0..1500 {
            let mut doc = seed.as_bytes().to_vec();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(doc.len());
                match rng.below(5) {
                    0 => doc[at] = rng.next() as u8,
                    1 => {
                        let s = specials[rng.below(specials.len())];
                        doc.splice(at..at, s.iter().copied());
                    }
                    2 => {
                        let end = (at + rng.below(16)).min(doc.len());
                        doc.drain(at..end);
                    }
                    3 => doc.truncate(at),
                    _ => {
                        let from = rng.below(doc.len());
                        let end = (from + rng.below(64)).min(doc.len());
                        let chunk = doc[from..end].to_vec();
                        let at = at.min(doc.len());
                        doc.splice(at..at, chunk);
                    }
                }
                if doc.is_empty() {
                    break;
                }
            }
            match read_sbom("m", &doc) {
                Ok(s) => {
                    oks += 1;
                    assert!(s.inventory.packages.len() <= 20);
                }
                Err(e) => {
                    errs += 1;
                    let msg = e.to_string();
                    assert!(msg.starts_with("m: ") && !msg.contains('\n'), "{msg:?}");
                }
            }
        }
    }
    eprintln!("mutations: {oks} read, {errs} rejected");
    assert!(oks > 100 && errs > 100, "{oks} {errs}");
}
