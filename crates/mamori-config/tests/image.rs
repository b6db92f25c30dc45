//! Image checks over hand-built [`ImageFacts`]: each check fires on the bad
//! case with the right location and layer, and stays quiet on the good one.

#![allow(clippy::unwrap_used)] // Tests may unwrap.

use mamori_config::{
    scan_image, HistoryStep, ImageCache, ImageFacts, ImageFile, ImageFileKind, Settings,
};

fn good() -> ImageFacts {
    ImageFacts {
        user: Some("10001:10001".into()),
        healthcheck: Some(vec!["CMD".into(), "/app/health".into()]),
        exposed_ports: vec!["8080/tcp".into()],
        env: vec![
            "PATH=/usr/bin".into(),
            "DB_PASSWORD_FILE=/run/secrets/db".into(),
            "API_TOKEN=".into(),
            "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D".into(),
        ],
        history: vec![
            HistoryStep {
                created_by: "/bin/sh -c #(nop) ADD file:3c8a in / ".into(),
                layer: Some("sha256:l0".into()),
            },
            HistoryStep {
                created_by:
                    "ADD --checksum=sha256:24454f83 https://example.com/t.tgz /opt/ # buildkit"
                        .into(),
                layer: Some("sha256:l1".into()),
            },
            HistoryStep {
                created_by:
                    "RUN /bin/sh -c curl -fsSLo /tmp/i.sh https://x && sh /tmp/i.sh # buildkit"
                        .into(),
                layer: Some("sha256:l2".into()),
            },
        ],
        files: vec![
            file("usr/bin/passwd", ImageFileKind::Setuid, 0o4755, "sha256:l0"),
            file("usr/bin/su", ImageFileKind::Setuid, 0o4755, "sha256:l0"),
            // Deleted by a later layer: not in the final filesystem.
            ImageFile {
                deleted_later: true,
                ..file("opt/old-helper", ImageFileKind::Setuid, 0o4755, "sha256:l1")
            },
        ],
        caches: vec![ImageCache {
            cache: "apt package lists".into(),
            dir: "var/lib/apt/lists".into(),
            files: 1,
            bytes: 100,
            layer: "sha256:l2".into(),
        }],
    }
}

fn file(path: &str, kind: ImageFileKind, mode: u32, layer: &str) -> ImageFile {
    ImageFile {
        path: path.into(),
        kind,
        mode,
        layer: layer.into(),
        deleted_later: false,
    }
}

fn run(facts: &ImageFacts) -> Vec<String> {
    scan_image(facts, &Settings::default())
        .into_iter()
        .map(|f| {
            format!(
                "{} {} @ {} [{}] {}",
                f.check_id,
                f.severity,
                f.location,
                f.layer.as_deref().unwrap_or("-"),
                f.message
            )
        })
        .collect()
}

#[test]
fn a_good_image_has_no_findings() {
    assert_eq!(run(&good()), Vec::<String>::new());
}

#[test]
fn each_check_fires_on_its_bad_case() {
    let cases: Vec<(ImageFacts, &str)> = vec![
        (
            ImageFacts { user: None, ..good() },
            "MAM-IMG-001 HIGH @ config.User [-] no USER is set: the container runs as root",
        ),
        (
            ImageFacts { user: Some("0:0".into()), ..good() },
            "MAM-IMG-001 HIGH @ config.User [-] USER \"0:0\" is root",
        ),
        (
            ImageFacts { healthcheck: None, ..good() },
            "MAM-IMG-002 LOW @ config.Healthcheck [-] no HEALTHCHECK is defined",
        ),
        (
            ImageFacts { healthcheck: Some(vec!["NONE".into()]), ..good() },
            "MAM-IMG-002 LOW @ config.Healthcheck [-] HEALTHCHECK is disabled (NONE)",
        ),
        (
            ImageFacts { exposed_ports: vec!["8080/tcp".into(), "2375/tcp".into()], ..good() },
            "MAM-IMG-003 HIGH @ config.ExposedPorts[2375/tcp] [-] port 2375/tcp (Docker Engine API (plain HTTP)) is exposed",
        ),
        (
            ImageFacts { env: vec!["AWS_SECRET_ACCESS_KEY=wJalrXUt".into()], ..good() },
            "MAM-IMG-004 HIGH @ config.Env[AWS_SECRET_ACCESS_KEY] [-] AWS_SECRET_ACCESS_KEY is set in the image environment (value redacted)",
        ),
        (
            ImageFacts {
                history: vec![HistoryStep {
                    created_by: "ADD https://example.com/tool.tgz /opt/ # buildkit".into(),
                    layer: Some("sha256:l3".into()),
                }],
                ..good()
            },
            "MAM-IMG-005 MEDIUM @ history[0] [sha256:l3] ADD https://example.com/tool.tgz without --checksum",
        ),
        (
            ImageFacts {
                history: vec![
                    HistoryStep { created_by: "/bin/sh -c #(nop)  CMD [\"sh\"]".into(), layer: None },
                    HistoryStep {
                        created_by: "/bin/sh -c curl -fsSL https://get.example.com | sh".into(),
                        layer: Some("sha256:l4".into()),
                    },
                ],
                ..good()
            },
            "MAM-IMG-006 HIGH @ history[1] [sha256:l4] a download is piped into a shell",
        ),
        (
            ImageFacts {
                files: vec![file("usr/local/bin/helper", ImageFileKind::Setuid, 0o4755, "sha256:l5")],
                ..good()
            },
            "MAM-IMG-007 MEDIUM @ /usr/local/bin/helper [sha256:l5] /usr/local/bin/helper is setuid (mode 4755)",
        ),
        (
            ImageFacts {
                // Standard names outside system directories are not exempt.
                files: vec![file("tmp/su", ImageFileKind::Setgid, 0o2755, "sha256:l5")],
                ..good()
            },
            "MAM-IMG-007 MEDIUM @ /tmp/su [sha256:l5] /tmp/su is setgid (mode 2755)",
        ),
        (
            ImageFacts {
                files: vec![file("app/run.sh", ImageFileKind::WorldWritable, 0o777, "sha256:l6")],
                ..good()
            },
            "MAM-IMG-008 MEDIUM @ /app/run.sh [sha256:l6] /app/run.sh is a world-writable file (mode 0777)",
        ),
        (
            ImageFacts {
                caches: vec![ImageCache {
                    cache: "apt package lists".into(),
                    dir: "var/lib/apt/lists".into(),
                    files: 12,
                    bytes: 20 << 20,
                    layer: "sha256:l7".into(),
                }],
                ..good()
            },
            "MAM-IMG-009 LOW @ /var/lib/apt/lists [sha256:l7] apt package lists left in the layer: 12 files, 20.0 MiB",
        ),
    ];
    for (facts, want) in cases {
        assert_eq!(run(&facts), [want]);
    }
}

#[test]
fn world_writable_findings_are_summarised_per_layer() {
    let files = (0..25)
        .map(|i| {
            file(
                &format!("app/f{i}"),
                ImageFileKind::WorldWritable,
                0o666,
                "sha256:l1",
            )
        })
        .collect();
    let got = run(&ImageFacts { files, ..good() });
    assert_eq!(got.len(), 21);
    assert_eq!(
        got[20],
        "MAM-IMG-008 MEDIUM @ (layer) [sha256:l1] 5 more world-writable entries in this layer"
    );
}

#[test]
fn settings_disable_and_override() {
    let mut s = Settings::default();
    s.disabled.insert("MAM-IMG-002".into());
    s.severity_overrides
        .insert("MAM-IMG-001".into(), mamori_config::Severity::Critical);
    let f = scan_image(
        &ImageFacts {
            user: None,
            healthcheck: None,
            ..good()
        },
        &s,
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].check_id, "MAM-IMG-001");
    assert_eq!(f[0].severity, mamori_config::Severity::Critical);
    assert!(f[0].remediation.contains("USER"), "{}", f[0].remediation);
    assert_eq!(f[0].attack, ["T1611"]);
}
