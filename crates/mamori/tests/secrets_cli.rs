//! Secret scanning of images end to end: a secret added in one layer and
//! deleted in the next is still reported, with the layer that holds it; secrets
//! in the image configuration (ENV, build history) are reported too.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::*;

/// A GitHub token in the documented `ghp_` + 36 base62 format (random, not real).
const GH_TOKEN: &str = "ghp_R7nQ2vX9kL4mP8sT1wY6zB3cF5hJ0dG2aE4u";
/// A Stripe-style live key (random, not real).
const STRIPE: &str = "sk_live_51Hx9QpLmN3vR7tY2wZ8kB4cD6fG1hJ0sA5eK9uP3";

#[test]
fn deleted_secret_is_reported_with_its_layer() {
    let tmp = tempfile::tempdir().unwrap();
    let l1 = tar_bytes(&[
        E::File(
            "app/.env",
            format!("GITHUB_TOKEN={GH_TOKEN}\n").into_bytes(),
        ),
        E::File("app/main.py", b"print('hello')\n".to_vec()),
    ]);
    let l2 = tar_bytes(&[E::File("app/.wh..env", vec![])]);
    let l3 = tar_bytes(&[E::File(
        "srv/config.py",
        format!("stripe_key = \"{STRIPE}\"\n").into_bytes(),
    )]);
    let config = format!(r#"{{"Env": ["PATH=/usr/bin", "API_TOKEN={GH_TOKEN}"]}}"#);
    let built = write_oci_with(
        tmp.path(),
        &[l1, l2, l3],
        gzip,
        "application/vnd.oci.image.layer.v1.tar+gzip",
        &config,
    );
    let r = mamori_json(&[
        "image",
        &format!("oci:{}", built.dir.display()),
        "-f",
        "json",
        "--no-cache",
    ]);
    let secrets = r["secrets"].as_array().unwrap();
    let find = |path: &str| {
        secrets
            .iter()
            .find(|s| s["path"] == path)
            .unwrap_or_else(|| panic!("no secret in {path}: {r}"))
    };
    let env = find("/app/.env");
    assert_eq!(env["layer"], built.diff_ids[0].as_str());
    assert_eq!(env["deleted_later"], true);
    assert_eq!(env["line"], 1);
    assert!(env["rule_id"].as_str().unwrap().contains("github"), "{env}");
    assert!(
        !env["redacted"].as_str().unwrap().contains(&GH_TOKEN[8..]),
        "secret not redacted: {env}"
    );
    let py = find("/srv/config.py");
    assert_eq!(py["layer"], built.diff_ids[2].as_str());
    assert!(py["deleted_later"].is_null() || py["deleted_later"] == false);
    assert!(
        secrets.iter().any(|s| s["path"] == "(image config)"),
        "ENV secret missing: {r}"
    );
    // Exactly these three; main.py is clean.
    assert_eq!(secrets.len(), 3, "{secrets:?}");

    // The full secret never appears in any output format.
    for fmt in ["table", "json", "sarif"] {
        let o = mamori(&["image", &format!("oci:{}", built.dir.display()), "-f", fmt]);
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(
            !text.contains(GH_TOKEN) && !text.contains(STRIPE),
            "{fmt} leaks the secret"
        );
    }
    // --exit-code gates on secrets too; --scanners vuln turns secret scanning off.
    let o = mamori(&[
        "image",
        &format!("oci:{}", built.dir.display()),
        "--exit-code",
        "7",
    ]);
    assert_eq!(o.status.code(), Some(7));
    let r = mamori_json(&[
        "image",
        &format!("oci:{}", built.dir.display()),
        "-f",
        "json",
        "--scanners",
        "none",
    ]);
    assert!(r["secrets"].is_null());
}

#[test]
fn fs_secret_scanning_on_request_and_gitleaks_config() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(
        project.join("settings.yaml"),
        format!("token: {GH_TOKEN}\ninternal: ACME-7f3a9c1e5b2d8046\n"),
    )
    .unwrap();
    let r = mamori_json(&["fs", project.to_str().unwrap(), "-f", "json"]);
    assert!(
        r["secrets"].is_null(),
        "fs does not scan secrets by default"
    );
    let r = mamori_json(&[
        "fs",
        project.to_str().unwrap(),
        "-f",
        "json",
        "--scanners",
        "secret",
    ]);
    assert_eq!(r["secrets"].as_array().unwrap().len(), 1);
    let cfg = tmp.path().join("gitleaks.toml");
    std::fs::write(
        &cfg,
        "[extend]\nuseDefault = true\n\n[[rules]]\nid = \"acme-internal\"\ndescription = \"ACME internal token\"\nregex = '''ACME-[0-9a-f]{16}'''\nkeywords = [\"acme-\"]\n",
    )
    .unwrap();
    let r = mamori_json(&[
        "fs",
        project.to_str().unwrap(),
        "-f",
        "json",
        "--scanners",
        "secret",
        "--secret-config",
        cfg.to_str().unwrap(),
    ]);
    let ids: Vec<&str> = r["secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["rule_id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"acme-internal") && ids.len() == 2, "{ids:?}");
}
