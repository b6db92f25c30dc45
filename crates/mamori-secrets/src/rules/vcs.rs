//! Source hosting, CI/CD and package registries: GitHub, GitLab, Bitbucket,
//! Atlassian, CI services, artifact stores and publishing tokens (npm, PyPI,
//! RubyGems, NuGet, crates.io, Docker Hub…). Leaks here let an attacker push
//! code or packages, so most are critical.

use crate::rule::{RuleDef, Severity::*, DEF};

pub(super) const RULES: &[RuleDef] = &[
    RuleDef {
        id: "github-pat",
        title: "GitHub personal access token (classic)",
        severity: Critical,
        keywords: &["ghp_"],
        regex: r"\b(ghp_[0-9A-Za-z]{36})\b",
        doc: "Classic personal access token (ghp_ prefix).",
        example: "GITHUB_TOKEN=ghp_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS",
        ..DEF
    },
    RuleDef {
        id: "github-fine-grained-pat",
        title: "GitHub fine-grained personal access token",
        severity: Critical,
        keywords: &["github_pat_"],
        regex: r"\b(github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59})\b",
        doc: "Fine-grained personal access token (github_pat_ prefix).",
        example: "token: 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",
        ..DEF
    },
    RuleDef {
        id: "github-oauth-token",
        title: "GitHub OAuth access token",
        severity: Critical,
        keywords: &["gho_"],
        regex: r"\b(gho_[0-9A-Za-z]{36})\b",
        doc: "OAuth app user access token (gho_ prefix).",
        example: "oauth_token: gho_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS",
        ..DEF
    },
    RuleDef {
        id: "github-user-to-server-token",
        title: "GitHub App user-to-server token",
        severity: Critical,
        keywords: &["ghu_"],
        regex: r"\b(ghu_[0-9A-Za-z]{36})\b",
        doc: "GitHub App user access token (ghu_ prefix).",
        example: "GH_TOKEN=ghu_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS",
        ..DEF
    },
    RuleDef {
        id: "github-app-token",
        title: "GitHub App installation token",
        severity: High,
        keywords: &["ghs_"],
        regex: r"\b(ghs_[0-9A-Za-z]{36})\b",
        doc: "GitHub App installation (server-to-server) token, also used by Actions (ghs_ prefix).",
        example: "GH_TOKEN=ghs_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS",
        ..DEF
    },
    RuleDef {
        id: "github-refresh-token",
        title: "GitHub refresh token",
        severity: High,
        keywords: &["ghr_"],
        regex: r"\b(ghr_[0-9A-Za-z]{36,76})\b",
        doc: "GitHub App refresh token (ghr_ prefix).",
        example: "refresh_token=ghr_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS",
        ..DEF
    },
    RuleDef {
        id: "github-client-secret",
        title: "GitHub OAuth/App client secret",
        severity: High,
        keywords: &["github"],
        regex: ctx!("github", "secret", "[0-9a-f]{40}"),
        doc: "OAuth or GitHub App client secret (40 hex) next to a github name.",
        example: "GITHUB_CLIENT_SECRET=6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "gitlab-pat",
        title: "GitLab personal access token",
        severity: Critical,
        keywords: &["glpat-"],
        regex: prefixed!(r"glpat-[0-9A-Za-z_.-]{20,64}"),
        doc: "GitLab personal, project or group access token (glpat- prefix).",
        example: "GITLAB_TOKEN=glpat-OsFaQfDPrAJ71fTquWoG",
        ..DEF
    },
    RuleDef {
        id: "gitlab-pipeline-trigger-token",
        title: "GitLab pipeline trigger token",
        severity: High,
        keywords: &["glptt-"],
        regex: r"\b(glptt-[0-9a-f]{40})\b",
        doc: "Pipeline trigger token (glptt- prefix).",
        example: "TRIGGER_TOKEN=glptt-6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "gitlab-runner-registration-token",
        title: "GitLab runner registration token",
        severity: High,
        keywords: &["gr1348941"],
        regex: prefixed!(r"GR1348941[0-9A-Za-z_-]{20}"),
        doc: "Legacy runner registration token (GR1348941 prefix).",
        example: "registration-token: GR1348941OsFaQfDPrAJ71fTquWoG",
        ..DEF
    },
    RuleDef {
        id: "gitlab-runner-auth-token",
        title: "GitLab runner authentication token",
        severity: High,
        keywords: &["glrt-"],
        regex: prefixed!(r"glrt-[0-9A-Za-z_.-]{20,64}"),
        doc: "Runner authentication token (glrt- prefix).",
        example: "token = \"glrt-OsFaQfDPrAJ71fTquWoG\"",
        ..DEF
    },
    RuleDef {
        id: "gitlab-deploy-token",
        title: "GitLab deploy token",
        severity: High,
        keywords: &["gldt-"],
        regex: prefixed!(r"gldt-[0-9A-Za-z_-]{20,64}"),
        doc: "Deploy token (gldt- prefix).",
        example: "DEPLOY_TOKEN=gldt-OsFaQfDPrAJ71fTquWoG",
        ..DEF
    },
    RuleDef {
        id: "gitlab-ci-build-token",
        title: "GitLab CI/CD job token",
        severity: Medium,
        keywords: &["glcbt-"],
        regex: prefixed!(r"glcbt-[0-9a-f]{1,5}_[0-9A-Za-z_-]{20}"),
        doc: "CI/CD job token (glcbt- prefix), valid while the job runs.",
        example: "CI_JOB_TOKEN=glcbt-64_OsFaQfDPrAJ71fTquWoG",
        ..DEF
    },
    RuleDef {
        id: "gitlab-oauth-app-secret",
        title: "GitLab OAuth application secret",
        severity: High,
        keywords: &["gloas-"],
        regex: prefixed!(r"gloas-[0-9A-Za-z_-]{64}"),
        doc: "OAuth application secret (gloas- prefix).",
        example: "secret: gloas-lznUleZvtEga4wO5Ndor89QtvnQzKlIeyGFPnShWzKbhNgVpqCzGdWmPyagqqr5v",
        ..DEF
    },
    RuleDef {
        id: "gitlab-feed-token",
        title: "GitLab feed token",
        severity: Low,
        keywords: &["glft-"],
        regex: prefixed!(r"glft-[0-9A-Za-z_-]{20}"),
        doc: "RSS/calendar feed token (glft- prefix).",
        example: "feed_token=glft-OsFaQfDPrAJ71fTquWoG",
        ..DEF
    },
    RuleDef {
        id: "gitlab-incoming-mail-token",
        title: "GitLab incoming e-mail token",
        severity: Low,
        keywords: &["glimt-"],
        regex: prefixed!(r"glimt-[0-9A-Za-z_-]{25}"),
        doc: "Incoming e-mail token (glimt- prefix).",
        example: "incoming_email_token: glimt-TgadDZFlRJmCGmUXiAPyhzAna",
        ..DEF
    },
    RuleDef {
        id: "gitlab-agent-token",
        title: "GitLab agent for Kubernetes token",
        severity: High,
        keywords: &["glagent-"],
        regex: prefixed!(r"glagent-[0-9A-Za-z_-]{50}"),
        doc: "Kubernetes agent token (glagent- prefix).",
        example: "token: glagent-vRY6iEjH5UH1RSC84FL8SfWoCHJs1UJOkHG16JqtQy9235Nnt2",
        ..DEF
    },
    RuleDef {
        id: "gitlab-scim-token",
        title: "GitLab SCIM token",
        severity: High,
        keywords: &["glsoat-"],
        regex: prefixed!(r"glsoat-[0-9A-Za-z_-]{20}"),
        doc: "SCIM OAuth access token (glsoat- prefix).",
        example: "scim: glsoat-OsFaQfDPrAJ71fTquWoG",
        ..DEF
    },
    RuleDef {
        id: "gitlab-feature-flag-client-token",
        title: "GitLab feature flag client token",
        severity: Low,
        keywords: &["glffct-"],
        regex: prefixed!(r"glffct-[0-9A-Za-z_-]{20}"),
        doc: "Feature-flags client token (glffct- prefix).",
        example: "UNLEASH_TOKEN=glffct-OsFaQfDPrAJ71fTquWoG",
        ..DEF
    },
    RuleDef {
        id: "bitbucket-app-password",
        title: "Bitbucket app password / API token",
        severity: Critical,
        keywords: &["atbb"],
        regex: prefixed!(r"ATBB[0-9A-Za-z_=.-]{28,40}"),
        doc: "Bitbucket Cloud app password (ATBB prefix).",
        example: "BITBUCKET_APP_PASSWORD=ATBBVberACpdclsxHKifxi5CvQUSHL8iLc7b",
        ..DEF
    },
    RuleDef {
        id: "bitbucket-client-secret",
        title: "Bitbucket OAuth consumer secret",
        severity: High,
        keywords: &["bitbucket"],
        regex: ctx!("bitbucket", "secret", "[0-9A-Za-z_=-]{32,64}"),
        entropy: Some(3.5),
        doc: "OAuth consumer secret next to a bitbucket name.",
        example: "BITBUCKET_CLIENT_SECRET=VberACpdclsxHKifxi5CvQUSHL8iLc7b",
        ..DEF
    },
    RuleDef {
        id: "atlassian-api-token",
        title: "Atlassian API token",
        severity: High,
        keywords: &["atatt3"],
        regex: prefixed!(r"ATATT3[0-9A-Za-z_=-]{100,250}"),
        doc: "Atlassian cloud API token for Jira/Confluence (ATATT3 prefix).",
        example: "JIRA_API_TOKEN=ATATT3xFfGF0GTd7FguoV8FWnFbB0JxXujr4qqaaABvvLOzAxzXMcU1vsHiQMaRiNTN9Ox98whGcTZc1UWb5fxzpF7STG7nVLe3lARUsRJlNONwktN9ugkZeESG61she_QAqq0nv3Vth1Ls6v6-O9JL8ZsoWw_Rxl-IUiTeNUJ-HLRwb8GPJ7K=A1B2C3D4",
        ..DEF
    },
    RuleDef {
        id: "atlassian-legacy-token",
        title: "Atlassian legacy API token",
        severity: High,
        keywords: &["atlassian", "confluence", "jira"],
        regex: ctx!("(?:atlassian|confluence|jira)", "(?:token|key)", "[0-9A-Za-z]{24}"),
        entropy: Some(3.5),
        doc: "Legacy 24-character Atlassian API token next to a jira/confluence name.",
        example: "JIRA_API_TOKEN=EyTzAeKOmXRrvftva9AW7hip",
        ..DEF
    },
    RuleDef {
        id: "circleci-pat",
        title: "CircleCI personal API token",
        severity: High,
        keywords: &["ccipat_"],
        regex: r"\b(CCIPAT_[0-9A-Za-z]{22}_[0-9a-f]{40})\b",
        doc: "CircleCI personal API token (CCIPAT_ prefix).",
        example: "CIRCLE_TOKEN=CCIPAT_sbeKXgzg2sye9b2Rann76d_6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "circleci-token",
        title: "CircleCI API token",
        severity: High,
        keywords: &["circle"],
        regex: ctx!("circle", "token", "[0-9a-f]{40}"),
        doc: "Legacy CircleCI API token (40 hex) next to a circle name.",
        example: "CIRCLECI_TOKEN=6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "travis-ci-token",
        title: "Travis CI API token",
        severity: High,
        keywords: &["travis"],
        regex: ctx!("travis", "token", "[0-9A-Za-z_-]{22}"),
        entropy: Some(3.5),
        doc: "Travis CI API token next to a travis name.",
        example: "TRAVIS_API_TOKEN=sbeKXgzg2sye9b2Rann76d",
        ..DEF
    },
    RuleDef {
        id: "buildkite-token",
        title: "Buildkite API token",
        severity: High,
        keywords: &["bkua_"],
        regex: r"\b(bkua_[0-9a-f]{40})\b",
        doc: "Buildkite user API access token (bkua_ prefix).",
        example: "BUILDKITE_API_TOKEN=bkua_6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "drone-ci-token",
        title: "Drone CI token",
        severity: High,
        keywords: &["drone"],
        regex: ctx!("drone", "token", "[0-9A-Za-z]{32}"),
        entropy: Some(3.5),
        doc: "Drone CI access token next to a drone name.",
        example: "DRONE_TOKEN=VberACpdclsxHKifxi5CvQUSHL8iLc7b",
        ..DEF
    },
    RuleDef {
        id: "jfrog-api-key",
        title: "JFrog Artifactory API key",
        severity: High,
        keywords: &["akcp"],
        regex: r"\b(AKCp[0-9A-Za-z]{69})\b",
        doc: "Artifactory API key (AKCp prefix).",
        example: "ARTIFACTORY_API_KEY=AKCpJIGA9HK2gOCZPeJMQW9cy78kyEk2FINMdB8FAsHzMtxHsEPrJ7sQTVsbaXpLcOkAWRyd5",
        ..DEF
    },
    RuleDef {
        id: "jfrog-reference-token",
        title: "JFrog reference/identity token",
        severity: High,
        keywords: &["cmvmdgtu"],
        regex: r"\b(cmVmdGtuOjAxOj[0-9A-Za-z]{50,80})\b",
        doc: "JFrog reference token (base64 of `reftkn:01:`).",
        example: "JFROG_TOKEN=cmVmdGtuOjAxOjvRY6iEjH5UH1RSC84FL8SfWoCHJs1UJOkHG16JqtQy9235Nnt2",
        ..DEF
    },
    RuleDef {
        id: "sonarqube-token",
        title: "SonarQube / SonarCloud token",
        severity: High,
        keywords: &["sqp_", "squ_", "sqa_"],
        regex: r"\b(sq[pua]_[0-9a-f]{40})\b",
        doc: "SonarQube project, user or global analysis token.",
        example: "SONAR_TOKEN=squ_6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "snyk-api-token",
        title: "Snyk API token",
        severity: High,
        keywords: &["snyk"],
        regex: ctx!("snyk", "(?:token|key)", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        doc: "Snyk API token (a UUID) next to a snyk name.",
        example: "SNYK_TOKEN=ed9c9e4c-b3f1-4368-aca3-386c33464260",
        ..DEF
    },
    RuleDef {
        id: "codecov-token",
        title: "Codecov upload token",
        severity: Medium,
        keywords: &["codecov"],
        regex: ctx!("codecov", "token", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        doc: "Codecov upload token next to a codecov name.",
        example: "CODECOV_TOKEN=ed9c9e4c-b3f1-4368-aca3-386c33464260",
        ..DEF
    },
    RuleDef {
        id: "dockerhub-pat",
        title: "Docker Hub personal access token",
        severity: High,
        keywords: &["dckr_pat_"],
        regex: prefixed!(r"dckr_pat_[0-9A-Za-z_-]{27}"),
        doc: "Docker Hub personal access token (dckr_pat_ prefix).",
        example: "DOCKERHUB_TOKEN=dckr_pat_B1SFxu9AZB7N85-x-AX1jgJUJcx",
        ..DEF
    },
    RuleDef {
        id: "dockerhub-oat",
        title: "Docker Hub organisation access token",
        severity: High,
        keywords: &["dckr_oat_"],
        regex: prefixed!(r"dckr_oat_[0-9A-Za-z_-]{32}"),
        doc: "Docker Hub organisation access token (dckr_oat_ prefix).",
        example: "DOCKER_ORG_TOKEN=dckr_oat_PcIsJZJPDk9zUHgtiaNkaxR9rz09e1SY",
        ..DEF
    },
    RuleDef {
        id: "docker-config-auth",
        title: "Registry credentials in a Docker config",
        severity: High,
        keywords: &["\"auths\""],
        regex: r#""auths"\s{0,4}:\s{0,4}\{[^}]{0,300}?"auth"\s{0,4}:\s{0,4}"([A-Za-z0-9+/]{12,}={0,2})""#,
        entropy: Some(3.0),
        doc: "base64 `user:password` in `~/.docker/config.json` or a dockerconfigjson secret.",
        example: r#"{"auths": {"registry.example.io": {"auth": "ZGVwbG95OlM0bmQtYm94LTk5MSE="}}}"#,
        ..DEF
    },
    RuleDef {
        id: "npm-access-token",
        title: "npm access token",
        severity: Critical,
        keywords: &["npm_"],
        regex: r"\b(npm_[0-9A-Za-z]{36})\b",
        doc: "npm granular or classic access token (npm_ prefix).",
        example: "//registry.npmjs.org/:_authToken=npm_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS",
        ..DEF
    },
    RuleDef {
        id: "npmrc-auth-token",
        title: "Registry auth token in .npmrc",
        severity: High,
        keywords: &["_authtoken"],
        regex: r#"(?i:_authtoken)\s{0,4}=\s{0,4}["']?([0-9A-Za-z_./+=-]{20,})"#,
        entropy: Some(3.5),
        doc: "`_authToken=` line in an .npmrc for any registry.",
        example: "//npm.pkg.github.com/:_authToken=e8r0khCEr7n1AyOHFRuT11NCue1cr3McRTrKwtPY",
        ..DEF
    },
    RuleDef {
        id: "pypi-upload-token",
        title: "PyPI upload token",
        severity: Critical,
        keywords: &["pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbpbm9yzw"],
        regex: prefixed!(r"pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)[0-9A-Za-z_-]{50,}"),
        doc: "PyPI or TestPyPI API token (a macaroon whose location is pypi.org).",
        example: "password = pypi-AgEIcHlwaS5vcmcJCuZz8vSElR2t9GNcYpUiZIgW_M8PGjdeSPVMHx8XRUdBjg01iJi75WXerIN",
        ..DEF
    },
    RuleDef {
        id: "rubygems-api-key",
        title: "RubyGems API key",
        severity: Critical,
        keywords: &["rubygems_"],
        regex: r"\b(rubygems_[0-9a-f]{48})\b",
        doc: "RubyGems.org API key (rubygems_ prefix).",
        example: ":rubygems_api_key: rubygems_056de14c3c5a487a114cf3fbdd9fedd33add0a19dca9273e",
        ..DEF
    },
    RuleDef {
        id: "nuget-api-key",
        title: "NuGet API key",
        severity: High,
        keywords: &["oy2"],
        regex: r"\b(oy2[a-z0-9]{43})\b",
        doc: "nuget.org API key (oy2 prefix, 46 characters).",
        example: "NUGET_API_KEY=oy2n2k9g3ig6jj7l0h0aojhyks7bzh5t8cy0tfnq8h0v5n",
        ..DEF
    },
    RuleDef {
        id: "crates-io-token",
        title: "crates.io API token",
        severity: High,
        keywords: &["cio"],
        regex: r"\b(cio[0-9A-Za-z]{32})\b",
        entropy: Some(3.5),
        doc: "crates.io publish token (cio prefix).",
        example: "CARGO_REGISTRY_TOKEN=cioVberACpdclsxHKifxi5CvQUSHL8iLc7b",
        ..DEF
    },
    RuleDef {
        id: "clojars-token",
        title: "Clojars deploy token",
        severity: High,
        keywords: &["clojars_"],
        regex: r"\b(CLOJARS_[0-9a-z]{60})\b",
        doc: "Clojars deploy token (CLOJARS_ prefix).",
        example: "CLOJARS_PASSWORD=CLOJARS_9i6gztrqoxf14yw1v2hdt7dk7y9uzogxcux4o775ax0gawpxxtndul5h7wdf",
        ..DEF
    },
    RuleDef {
        id: "sourcegraph-token",
        title: "Sourcegraph access token",
        severity: High,
        keywords: &["sgp_"],
        regex: r"\b(sgp_(?:[0-9a-f]{16}_)?[0-9a-f]{40})\b",
        doc: "Sourcegraph access token (sgp_ prefix).",
        example: "SRC_ACCESS_TOKEN=sgp_92a283a2043d77fa_6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "gitea-token",
        title: "Gitea / Forgejo access token",
        severity: High,
        keywords: &["gitea", "forgejo"],
        regex: ctx!("(?:gitea|forgejo)", "token", "[0-9a-f]{40}"),
        doc: "Gitea or Forgejo access token (40 hex) next to a gitea/forgejo name.",
        example: "GITEA_TOKEN=6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "octopus-deploy-api-key",
        title: "Octopus Deploy API key",
        severity: High,
        keywords: &["api-"],
        regex: r"\b(API-[0-9A-Z]{26,32})\b",
        require_digit: true,
        doc: "Octopus Deploy API key (API- prefix, upper-case).",
        example: "OCTOPUS_API_KEY=API-IV20FKOTHMRLP6SRX7H7OTLORIF",
        ..DEF
    },
    RuleDef {
        id: "harness-pat",
        title: "Harness access token",
        severity: High,
        keywords: &["pat.", "sat."],
        regex: r"\b((?:pat|sat)\.[0-9A-Za-z_-]{22}\.[0-9a-f]{24}\.[0-9A-Za-z]{20})\b",
        doc: "Harness personal or service-account token.",
        example: "HARNESS_TOKEN=pat.sbeKXgzg2sye9b2Rann76d.3dd475c5a6cd981f939451e0.OsFaQfDPrAJ71fTquWoG",
        ..DEF
    },
];
