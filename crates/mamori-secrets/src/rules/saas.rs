//! Developer and business SaaS: observability (Datadog, New Relic, Sentry,
//! Grafana, Dynatrace), productivity (Linear, Notion, Airtable, Figma,
//! HubSpot), platforms (Netlify, Vercel, Render, Fly.io, Supabase,
//! PlanetScale, Databricks) and secret managers (Doppler, 1Password, age).

use crate::rule::{RuleDef, Severity::*, DEF};

pub(super) const RULES: &[RuleDef] = &[
    RuleDef {
        id: "datadog-api-key",
        title: "Datadog API key",
        severity: High,
        keywords: &["datadog", "dd_api", "dd-api", "dd.api", "ddapi"],
        regex: ctx!("(?:datadog|dd)", "api[_.-]?key", "[0-9a-f]{32}"),
        doc: "Datadog API key (32 hex) next to a datadog/dd name.",
        example: "DD_API_KEY=8170fbe7d5d5a484814506442b83fe29",
        ..DEF
    },
    RuleDef {
        id: "datadog-app-key",
        title: "Datadog application key",
        severity: High,
        keywords: &["datadog", "dd_app", "dd-app", "dd.app", "ddapp"],
        regex: ctx!("(?:datadog|dd)", "app(?:lication)?[_.-]?key", "[0-9a-f]{40}"),
        doc: "Datadog application key (40 hex) next to a datadog/dd name.",
        example: "DD_APP_KEY=6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "new-relic-user-api-key",
        title: "New Relic user API key",
        severity: High,
        keywords: &["nrak-"],
        regex: r"\b(NRAK-[A-Z0-9]{27})\b",
        doc: "New Relic user key (NRAK- prefix).",
        example: "NEW_RELIC_API_KEY=NRAK-IV20FKOTHMRLP6SRX7H7OTLORIF",
        ..DEF
    },
    RuleDef {
        id: "new-relic-browser-key",
        title: "New Relic browser API key",
        severity: Low,
        keywords: &["nrjs-"],
        regex: r"\b(NRJS-[0-9a-f]{19})\b",
        doc: "New Relic browser key (NRJS- prefix).",
        example: "NEW_RELIC_BROWSER_KEY=NRJS-ecbaa4ff21db0c2e0b0",
        ..DEF
    },
    RuleDef {
        id: "new-relic-insert-key",
        title: "New Relic insert/query key",
        severity: Medium,
        keywords: &["nrii-", "nriq-"],
        regex: prefixed!(r"NRI[IQ]-[0-9A-Za-z_-]{32}"),
        doc: "New Relic insights insert or query key (NRII-/NRIQ- prefix).",
        example: "NEW_RELIC_INSERT_KEY=NRII-PcIsJZJPDk9zUHgtiaNkaxR9rz09e1SY",
        ..DEF
    },
    RuleDef {
        id: "new-relic-license-key",
        title: "New Relic ingest license key",
        severity: Medium,
        keywords: &["nral"],
        regex: r"\b([0-9a-f]{36}NRAL)\b",
        doc: "New Relic license (ingest) key: 36 hex ending in NRAL.",
        example: "NEW_RELIC_LICENSE_KEY=0649c9ac2866c3a98faec23434556c1e2371NRAL",
        ..DEF
    },
    RuleDef {
        id: "sentry-org-token",
        title: "Sentry organisation auth token",
        severity: High,
        keywords: &["sntrys_"],
        regex: prefixed!(r"sntrys_eyJ[0-9A-Za-z+/=_-]{80,400}"),
        doc: "Sentry organisation auth token (sntrys_ prefix).",
        example: "SENTRY_AUTH_TOKEN=sntrys_eyJpYXQiOjE2OTQwMDAwMDAuMCwidXJsIjoiaHR0cHM6Ly9zZW50cnkuaW8iLCJvcmciOiJhY21lIn0=_/0wIiXPxTbsWhBS42op6371XDWfe55KfgPt7QGOy8Zg",
        ..DEF
    },
    RuleDef {
        id: "sentry-user-token",
        title: "Sentry user auth token",
        severity: High,
        keywords: &["sntryu_"],
        regex: r"\b(sntryu_[0-9a-f]{64})\b",
        doc: "Sentry user auth token (sntryu_ prefix).",
        example: "SENTRY_AUTH_TOKEN=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",
        ..DEF
    },
    RuleDef {
        id: "sentry-legacy-token",
        title: "Sentry legacy auth token",
        severity: High,
        keywords: &["sentry"],
        regex: ctx!("sentry", "(?:token|key)", "[0-9a-f]{64}"),
        doc: "Pre-2023 Sentry auth token (64 hex) next to a sentry name.",
        example: "SENTRY_AUTH_TOKEN=7c1f379c72bd57d32343e09790a52eec4b7190ea9af4f66916abf05676139a8d",
        ..DEF
    },
    RuleDef {
        id: "grafana-cloud-token",
        title: "Grafana Cloud access policy token",
        severity: High,
        keywords: &["glc_"],
        regex: r"\b(glc_[0-9A-Za-z+/]{32,400}={0,2})",
        doc: "Grafana Cloud access policy token (glc_ prefix).",
        example: "GRAFANA_CLOUD_TOKEN=glc_eyJvIjoiMTIzNDU2IiwibiI6InN0YWNrIiwiayI6IkVaTzhZaTNnSzU0eTNzNVRSIn0=",
        ..DEF
    },
    RuleDef {
        id: "grafana-service-account-token",
        title: "Grafana service account token",
        severity: High,
        keywords: &["glsa_"],
        regex: r"\b(glsa_[0-9A-Za-z]{32}_[0-9a-f]{8})\b",
        doc: "Grafana service account token (glsa_ prefix).",
        example: "GRAFANA_TOKEN=glsa_VberACpdclsxHKifxi5CvQUSHL8iLc7b_bcc6bc45",
        ..DEF
    },
    RuleDef {
        id: "grafana-api-key",
        title: "Grafana legacy API key",
        severity: High,
        keywords: &["eyjrijoi"],
        regex: r"\b(eyJrIjoi[0-9A-Za-z+/]{60,400}={0,2})",
        doc: "Legacy Grafana API key (base64 JSON starting with {\"k\":).",
        example: "GRAFANA_API_KEY=eyJrIjoiT0tTcG1pUlY2RnVKZTFVaDFsNFZXdE9ZWmNrMkZYbk4iLCJuIjoiYWRtaW4iLCJpZCI6MX0=",
        ..DEF
    },
    RuleDef {
        id: "dynatrace-api-token",
        title: "Dynatrace API token",
        severity: High,
        keywords: &["dt0c01."],
        regex: r"\b(dt0c01\.[0-9A-Z]{24}\.[0-9A-Z]{64})\b",
        doc: "Dynatrace API or PaaS token (dt0c01. prefix).",
        example: "DT_API_TOKEN=dt0c01.3E27E7CAS8Q1FKSMPLR9BLJC.3YA5DLE9XU4C7S678LKH1P29QPQ58O5QCMD2LUJB5162QBEHL8PJDT1CU7Q5F6KY",
        ..DEF
    },
    RuleDef {
        id: "honeycomb-api-key",
        title: "Honeycomb API key",
        severity: Medium,
        keywords: &["honeycomb"],
        regex: ctx!("honeycomb", "(?:key|token)", "[0-9A-Za-z]{22,32}"),
        entropy: Some(3.5),
        doc: "Honeycomb ingest or configuration key next to a honeycomb name.",
        example: "HONEYCOMB_API_KEY=sbeKXgzg2sye9b2Rann76d",
        ..DEF
    },
    RuleDef {
        id: "linear-api-key",
        title: "Linear API key",
        severity: High,
        keywords: &["lin_api_"],
        regex: r"\b(lin_api_[0-9A-Za-z]{40})\b",
        doc: "Linear personal API key (lin_api_ prefix).",
        example: "LINEAR_API_KEY=lin_api_e8r0khCEr7n1AyOHFRuT11NCue1cr3McRTrKwtPY",
        ..DEF
    },
    RuleDef {
        id: "notion-integration-token",
        title: "Notion integration token",
        severity: High,
        keywords: &["secret_", "ntn_"],
        regex: r"\b((?:secret_[0-9A-Za-z]{43}|ntn_[0-9]{11}[0-9A-Za-z]{35}))\b",
        doc: "Notion internal integration secret (secret_ or ntn_ prefix).",
        example: "NOTION_TOKEN=secret_KbPizDmbX1rpXjYdOhCgOIPOZx9eRmm0EqlTaWEITcl",
        ..DEF
    },
    RuleDef {
        id: "postman-api-key",
        title: "Postman API key",
        severity: High,
        keywords: &["pmak-"],
        regex: r"\b(PMAK-[0-9a-f]{24}-[0-9a-f]{34})\b",
        doc: "Postman API key (PMAK- prefix).",
        example: "POSTMAN_API_KEY=PMAK-3dd475c5a6cd981f939451e0-06d62e61df59a9c29e2b243ce3e0cf793e",
        ..DEF
    },
    RuleDef {
        id: "figma-pat",
        title: "Figma personal access token",
        severity: Medium,
        keywords: &["figd_"],
        regex: prefixed!(r"figd_[0-9A-Za-z_-]{40}"),
        doc: "Figma personal access token (figd_ prefix).",
        example: "FIGMA_TOKEN=figd_e8r0khCEr7n1AyOHFRuT11NCue1cr3McRTrKwtPY",
        ..DEF
    },
    RuleDef {
        id: "hubspot-private-app-token",
        title: "HubSpot private app token",
        severity: High,
        keywords: &["pat-na1-", "pat-eu1-"],
        regex: r"\b(pat-(?:na|eu)1-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b",
        doc: "HubSpot private app access token.",
        example: "HUBSPOT_TOKEN=pat-na1-ed9c9e4c-b3f1-4368-aca3-386c33464260",
        ..DEF
    },
    RuleDef {
        id: "hubspot-api-key",
        title: "HubSpot legacy API key",
        severity: High,
        keywords: &["hubspot", "hapikey"],
        regex: ctx!("(?:hubspot|hapikey)", "(?:key|token|)", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        doc: "Legacy HubSpot API key (a UUID) next to a hubspot name.",
        example: "HUBSPOT_API_KEY=ed9c9e4c-b3f1-4368-aca3-386c33464260",
        ..DEF
    },
    RuleDef {
        id: "contentful-pat",
        title: "Contentful personal access token",
        severity: High,
        keywords: &["cfpat-"],
        regex: prefixed!(r"CFPAT-[0-9A-Za-z_-]{43}"),
        doc: "Contentful content management token (CFPAT- prefix).",
        example: "CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-rHO5WsAJ5ZrXTCnLVSBrfd9bMiBTpVEHl2pY_h-XQK_",
        ..DEF
    },
    RuleDef {
        id: "dropbox-access-token",
        title: "Dropbox access token",
        severity: High,
        keywords: &["sl."],
        regex: prefixed!(r"sl\.(?:u\.)?[0-9A-Za-z_-]{130,1000}"),
        doc: "Dropbox short-lived access token (sl. prefix).",
        example: "DROPBOX_TOKEN=sl.JCuZz8vSElR2t9GNcYpUiZIgW_M8PGjdeSPVMHx8XRUdBjg01iJi75WXerIN_U8ctyIDHCEaYaE_kQHSncOAYuyuuQ-LV1KU_EFUPwqiinNo59fu09gSGYYGGVPxQAq1qIuqzWLDxb8rII1GYXrgupfyK",
        ..DEF
    },
    RuleDef {
        id: "airtable-pat",
        title: "Airtable personal access token",
        severity: High,
        keywords: &["pat"],
        regex: r"\b(pat[0-9A-Za-z]{14}\.[0-9a-f]{64})\b",
        doc: "Airtable personal access token (pat + 14 . + 64 hex).",
        example: "AIRTABLE_TOKEN=patlZGEONYlgCtjfI.7c1f379c72bd57d32343e09790a52eec4b7190ea9af4f66916abf05676139a8d",
        ..DEF
    },
    RuleDef {
        id: "asana-pat",
        title: "Asana personal access token",
        severity: High,
        keywords: &["asana"],
        regex: ctx!("asana", "(?:token|pat|key)", r"[0-9]/[0-9]{13,19}(?:/[0-9]{13,19})?:[0-9a-f]{32}"),
        doc: "Asana personal access token next to an asana name.",
        example: "ASANA_TOKEN=2/1204567890123456/1206543210987654:8170fbe7d5d5a484814506442b83fe29",
        ..DEF
    },
    RuleDef {
        id: "algolia-admin-key",
        title: "Algolia admin API key",
        severity: High,
        keywords: &["algolia"],
        regex: ctx!("algolia", "(?:admin|write|api)[_.-]?key", "[0-9a-f]{32}"),
        doc: "Algolia admin or write API key (32 hex) next to an algolia name.",
        example: "ALGOLIA_ADMIN_KEY=8170fbe7d5d5a484814506442b83fe29",
        ..DEF
    },
    RuleDef {
        id: "mapbox-secret-token",
        title: "Mapbox secret access token",
        severity: High,
        keywords: &["sk.eyj"],
        regex: prefixed!(r"sk\.eyJ[0-9A-Za-z_-]{50,}\.[0-9A-Za-z_-]{20,}"),
        doc: "Mapbox secret token (sk. prefix); public pk. tokens are not reported.",
        example: "MAPBOX_TOKEN=sk.eyJ1IjoibWFwdXNlciIsImEiOiJjbGZ4eTEyMzQwMDAwM3FwZHJ6eDB4In0.B1SFxu9AZB7N85-x-AX1jgJUJcx",
        ..DEF
    },
    RuleDef {
        id: "netlify-access-token",
        title: "Netlify access token",
        severity: High,
        keywords: &["netlify", "nfp_"],
        regex: r#"(?:\b(nfp_[0-9A-Za-z]{36})\b|(?i:netlify[a-z0-9_ .-]{0,20}?(?:token|key)[a-z0-9_.-]{0,10})["']?\s{0,4}(?::|=|:=|=>)\s{0,4}["']?([0-9A-Za-z_-]{40,46})(?:[^0-9A-Za-z_+/=-]|$))"#,
        entropy: Some(3.5),
        doc: "Netlify personal access token (nfp_ prefix, or 40+ characters next to a netlify name).",
        example: "NETLIFY_AUTH_TOKEN=nfp_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS",
        ..DEF
    },
    RuleDef {
        id: "vercel-token",
        title: "Vercel access token",
        severity: High,
        keywords: &["vercel"],
        regex: ctx!("vercel", "token", "[0-9A-Za-z]{24}"),
        entropy: Some(3.5),
        doc: "Vercel access token next to a vercel name.",
        example: "VERCEL_TOKEN=EyTzAeKOmXRrvftva9AW7hip",
        ..DEF
    },
    RuleDef {
        id: "render-api-key",
        title: "Render API key",
        severity: High,
        keywords: &["rnd_"],
        regex: r"\b(rnd_[0-9A-Za-z]{32})\b",
        doc: "Render API key (rnd_ prefix).",
        example: "RENDER_API_KEY=rnd_VberACpdclsxHKifxi5CvQUSHL8iLc7b",
        ..DEF
    },
    RuleDef {
        id: "flyio-token",
        title: "Fly.io access token",
        severity: High,
        keywords: &["flyv1", "fo1_"],
        regex: r"\b((?:FlyV1 fm[12]_[0-9A-Za-z+/=_,-]{100,}|fo1_[0-9A-Za-z_-]{43}))",
        doc: "Fly.io macaroon (FlyV1 fm2_) or OAuth token (fo1_).",
        example: "FLY_API_TOKEN=FlyV1 fm2_q+oDxsonGHixeRGS6Ab2z+JEjn4+Ej/hitUwmQeSCKp1xXd7+jlAOz3WbROJAAxqv7fqJoHSTNzbiAUN0zsjI2V0J6rpmS1E/pKp",
        ..DEF
    },
    RuleDef {
        id: "supabase-access-token",
        title: "Supabase personal access token",
        severity: High,
        keywords: &["sbp_"],
        regex: r"\b(sbp_[0-9a-f]{40})\b",
        doc: "Supabase management API token (sbp_ prefix).",
        example: "SUPABASE_ACCESS_TOKEN=sbp_6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "planetscale-api-token",
        title: "PlanetScale service token",
        severity: High,
        keywords: &["pscale_tkn_"],
        regex: prefixed!(r"pscale_tkn_[0-9A-Za-z_.-]{32,64}"),
        doc: "PlanetScale service token (pscale_tkn_ prefix).",
        example: "PLANETSCALE_TOKEN=pscale_tkn_KbPizDmbX1rpXjYdOhCgOIPOZx9eRmm0EqlTaWEITcl",
        ..DEF
    },
    RuleDef {
        id: "planetscale-password",
        title: "PlanetScale database password",
        severity: Critical,
        keywords: &["pscale_pw_"],
        regex: prefixed!(r"pscale_pw_[0-9A-Za-z_.-]{32,64}"),
        doc: "PlanetScale branch password (pscale_pw_ prefix).",
        example: "DATABASE_PASSWORD=pscale_pw_KbPizDmbX1rpXjYdOhCgOIPOZx9eRmm0EqlTaWEITcl",
        ..DEF
    },
    RuleDef {
        id: "planetscale-oauth-token",
        title: "PlanetScale OAuth token",
        severity: High,
        keywords: &["pscale_oauth_"],
        regex: prefixed!(r"pscale_oauth_[0-9A-Za-z_.-]{32,64}"),
        doc: "PlanetScale OAuth token (pscale_oauth_ prefix).",
        example: "token: pscale_oauth_KbPizDmbX1rpXjYdOhCgOIPOZx9eRmm0EqlTaWEITcl",
        ..DEF
    },
    RuleDef {
        id: "prefect-api-key",
        title: "Prefect API key",
        severity: High,
        keywords: &["pnu_"],
        regex: r"\b(pnu_[0-9A-Za-z]{36})\b",
        doc: "Prefect Cloud API key (pnu_ prefix).",
        example: "PREFECT_API_KEY=pnu_fRE5e32A8Yb3FKaNQyyLaMeffOhq4AUvy7VS",
        ..DEF
    },
    RuleDef {
        id: "readme-api-key",
        title: "ReadMe API key",
        severity: Medium,
        keywords: &["rdme_"],
        regex: r"\b(rdme_[0-9a-z]{70})\b",
        doc: "ReadMe.com API key (rdme_ prefix).",
        example: "README_API_KEY=rdme_nqr1xzfsgfzoqvcujjssd5dzf9ivbn8a40velf2iy21h2uehw9hhzt9hng0u8ihjr40c1y",
        ..DEF
    },
    RuleDef {
        id: "databricks-token",
        title: "Databricks personal access token",
        severity: Critical,
        keywords: &["dapi"],
        regex: r"\b(dapi[0-9a-f]{32}(?:-[0-9])?)\b",
        doc: "Databricks workspace PAT (dapi prefix).",
        example: "DATABRICKS_TOKEN=dapi8170fbe7d5d5a484814506442b83fe29",
        ..DEF
    },
    RuleDef {
        id: "launchdarkly-key",
        title: "LaunchDarkly API or SDK key",
        severity: High,
        keywords: &["launchdarkly"],
        regex: ctx!("launchdarkly", "(?:key|token)", "(?:api|sdk)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        doc: "LaunchDarkly access token or server-side SDK key.",
        example: "LAUNCHDARKLY_SDK_KEY=sdk-ed9c9e4c-b3f1-4368-aca3-386c33464260",
        ..DEF
    },
    RuleDef {
        id: "doppler-token",
        title: "Doppler token",
        severity: Critical,
        keywords: &["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
        regex: r"\b(dp\.(?:pt|st|sa|ct|scim|audit)\.(?:[a-z0-9_-]{1,40}\.)?[0-9A-Za-z]{40,44})\b",
        doc: "Doppler personal, service, service-account, CLI, SCIM or audit token.",
        example: "DOPPLER_TOKEN=dp.st.prd.KbPizDmbX1rpXjYdOhCgOIPOZx9eRmm0EqlTaWEITcl",
        ..DEF
    },
    RuleDef {
        id: "onepassword-service-account-token",
        title: "1Password service account token",
        severity: Critical,
        keywords: &["ops_eyj"],
        regex: r"\b(ops_eyJ[0-9A-Za-z+/]{200,}={0,3})",
        doc: "1Password service account token (ops_ + base64 JSON).",
        example: "OP_SERVICE_ACCOUNT_TOKEN=ops_eyJq+oDxsonGHixeRGS6Ab2z+JEjn4+Ej/hitUwmQeSCKp1xXd7+jlAOz3WbROJAAxqv7fqJoHSTNzbiAUN0zsjI2V0J6rpmS1E/pKpq+oDxsonGHixeRGS6Ab2z+JEjn4+Ej/hitUwmQeSCKp1xXd7+jlAOz3WbROJAAxqv7fqJoHSTNzbiAUN0zsjI2V0J6rpmS1E/pKp==",
        ..DEF
    },
    RuleDef {
        id: "onepassword-secret-key",
        title: "1Password account Secret Key",
        severity: Critical,
        keywords: &["a3-"],
        regex: r"\b(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\b",
        doc: "1Password account Secret Key (A3- prefix).",
        example: "secret key: A3-GAFRFW-0H9NYWT1FD4-MX8AB-CD3EF-GH5IJ",
        ..DEF
    },
    RuleDef {
        id: "infracost-api-key",
        title: "Infracost API key",
        severity: Medium,
        keywords: &["ico-"],
        regex: r"\b(ico-[0-9A-Za-z]{32})\b",
        doc: "Infracost API key (ico- prefix).",
        example: "INFRACOST_API_KEY=ico-VberACpdclsxHKifxi5CvQUSHL8iLc7b",
        ..DEF
    },
    RuleDef {
        id: "typeform-pat",
        title: "Typeform personal access token",
        severity: Medium,
        keywords: &["tfp_"],
        regex: prefixed!(r"tfp_[0-9A-Za-z_.=-]{56,64}"),
        doc: "Typeform personal access token (tfp_ prefix).",
        example: "TYPEFORM_TOKEN=tfp_OnHn2INL2io6VOZw5luMu57mnXm4gi4piUfqygB18AIYTimzORZbgmKRw6",
        ..DEF
    },
    RuleDef {
        id: "frameio-api-token",
        title: "Frame.io API token",
        severity: Medium,
        keywords: &["fio-u-"],
        regex: prefixed!(r"fio-u-[0-9A-Za-z_=-]{64}"),
        doc: "Frame.io developer token (fio-u- prefix).",
        example: "FRAMEIO_TOKEN=fio-u-lznUleZvtEga4wO5Ndor89QtvnQzKlIeyGFPnShWzKbhNgVpqCzGdWmPyagqqr5v",
        ..DEF
    },
    RuleDef {
        id: "rollbar-access-token",
        title: "Rollbar access token",
        severity: Medium,
        keywords: &["rollbar"],
        regex: ctx!("rollbar", "(?:token|key)", "[0-9a-f]{32}"),
        doc: "Rollbar project or account access token next to a rollbar name.",
        example: "ROLLBAR_ACCESS_TOKEN=8170fbe7d5d5a484814506442b83fe29",
        ..DEF
    },
    RuleDef {
        id: "cloudinary-url",
        title: "Cloudinary URL with API secret",
        severity: High,
        keywords: &["cloudinary://"],
        regex: r"cloudinary://[0-9]{12,16}:([0-9A-Za-z_-]{27})@[0-9a-z-]+",
        doc: "CLOUDINARY_URL holding the API key and secret.",
        example: "CLOUDINARY_URL=cloudinary://123456789012345:yeefnLOpaMxxNDi9LE1Ki3ylOjt@acme",
        ..DEF
    },
    RuleDef {
        id: "confluent-api-secret",
        title: "Confluent Cloud API secret",
        severity: High,
        keywords: &["confluent"],
        regex: ctx!("confluent", "secret", "[0-9A-Za-z+/]{64}"),
        entropy: Some(4.0),
        doc: "Confluent Cloud API secret next to a confluent name.",
        example: "CONFLUENT_API_SECRET=lznUleZvtEga4wO5Ndor89QtvnQzKlIeyGFPnShWzKbhNgVpqCzGdWmPyagqqr5v",
        ..DEF
    },
    RuleDef {
        id: "sumologic-access-key",
        title: "Sumo Logic access key",
        severity: High,
        keywords: &["sumo"],
        regex: ctx!("sumo", "(?:key|secret)", "[0-9A-Za-z]{64}"),
        entropy: Some(4.0),
        doc: "Sumo Logic access key next to a sumo name.",
        example: "SUMO_ACCESS_KEY=lznUleZvtEga4wO5Ndor89QtvnQzKlIeyGFPnShWzKbhNgVpqCzGdWmPyagqqr5v",
        ..DEF
    },
    RuleDef {
        id: "segment-write-key",
        title: "Segment write key",
        severity: Low,
        keywords: &["segment"],
        regex: ctx!("segment", "(?:write[_.-]?key|token)", "[0-9A-Za-z]{32}"),
        entropy: Some(3.5),
        doc: "Segment source write key or public API token next to a segment name.",
        example: "SEGMENT_WRITE_KEY=VberACpdclsxHKifxi5CvQUSHL8iLc7b",
        ..DEF
    },
    RuleDef {
        id: "kubernetes-service-account-token",
        title: "Kubernetes bearer token in a kubeconfig",
        severity: High,
        keywords: &["token:"],
        regex: r"(?m)^\s{2,}token:\s{1,4}(eyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{16,})",
        doc: "`users[].user.token` of a kubeconfig (a service-account JWT).",
        example: "    token: eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50In0.B1SFxu9AZB7N85-x-AX1jgJUJcx",
        ..DEF
    },
    RuleDef {
        id: "kubeconfig-client-key",
        title: "Client private key embedded in a kubeconfig",
        severity: Critical,
        keywords: &["client-key-data"],
        regex: r"client-key-data:\s{0,4}([A-Za-z0-9+/]{60,}={0,2})",
        doc: "`client-key-data` of a kubeconfig: a base64 PEM private key.",
        example: "    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVBMnFT",
        ..DEF
    },
];
