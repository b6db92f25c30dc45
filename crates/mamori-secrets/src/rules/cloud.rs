//! Cloud providers: AWS, Google Cloud, Azure, Alibaba, IBM, DigitalOcean,
//! Heroku, Cloudflare and smaller hosts. Identifiers that are useless without
//! a paired secret (AWS key IDs) are still reported, at lower severity, because
//! the secret is usually nearby; pure account identifiers are not rules.

use crate::rule::{RuleDef, Severity::*, DEF};

pub(super) const RULES: &[RuleDef] = &[
    RuleDef {
        id: "aws-access-key-id",
        title: "AWS access key ID",
        severity: High,
        keywords: &["akia", "asia", "abia", "acca", "a3t"],
        regex: r"\b((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})\b",
        doc: "IAM user (AKIA) or temporary STS (ASIA) access key ID; the secret key is usually close by.",
        example: "AWS_ACCESS_KEY_ID=AKIA4UHFKVML5CTYXV4K",
        ..DEF
    },
    RuleDef {
        id: "aws-secret-access-key",
        title: "AWS secret access key",
        severity: Critical,
        keywords: &["aws", "secretaccesskey", "secret_access_key"],
        regex: r#"(?i:(?:aws[a-z0-9_ .-]{0,20}?(?:secret|private)[a-z0-9_.-]{0,20}|secret_?access_?key))["']?\s{0,4}(?::|=|:=|=>)\s{0,4}["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)"#,
        entropy: Some(4.0),
        doc: "The 40-character secret half of an AWS access key, recognised by the assignment it appears in.",
        example: "aws_secret_access_key = 2dZAkg05rK+gqv81RKMGHZEM9YpvujA/C5Q52ryF",
        ..DEF
    },
    RuleDef {
        id: "aws-session-token",
        title: "AWS session token",
        severity: High,
        keywords: &["session_token", "sessiontoken", "security_token"],
        regex: r#"(?i:aws_?session_?token|sessiontoken|security_?token)["']?\s{0,4}(?::|=|:=|=>)\s{0,4}["']?([A-Za-z0-9/+]{100,}={0,2})"#,
        entropy: Some(4.0),
        doc: "Temporary STS session token; valid until it expires (up to 36 hours).",
        example: "aws_session_token = q+oDxsonGHixeRGS6Ab2z+JEjn4+Ej/hitUwmQeSCKp1xXd7+jlAOz3WbROJAAxqv7fqJoHSTNzbiAUN0zsjI2V0J6rpmS1E/pKp==",
        ..DEF
    },
    RuleDef {
        id: "aws-mws-key",
        title: "Amazon Marketplace Web Service auth token",
        severity: High,
        keywords: &["amzn.mws."],
        regex: r"\b(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b",
        doc: "MWS auth token (amzn.mws. followed by a UUID).",
        example: "mws_token: amzn.mws.ed9c9e4c-b3f1-4368-aca3-386c33464260",
        ..DEF
    },
    RuleDef {
        id: "gcp-service-account",
        title: "Google Cloud service-account key file",
        severity: Critical,
        keywords: &["private_key_id"],
        regex: r#""private_key_id"\s{0,4}:\s{0,4}"([0-9a-f]{40})""#,
        doc: "A service-account JSON key (the private_key_id line); the file also holds the RSA private key.",
        example: r#"  "private_key_id": "6606247fdaa2b8e3e47285a4309b7b552e1c549c","#,
        ..DEF
    },
    RuleDef {
        id: "gcp-api-key",
        title: "Google API key",
        severity: High,
        keywords: &["aiza"],
        regex: prefixed!(r"AIza[0-9A-Za-z_-]{35}"),
        doc: "Google Cloud / Firebase / Gemini API key (AIza + 35 characters).",
        example: "GOOGLE_API_KEY=AIzaHYBInUhtUrEpcPX5kWPGhMYE-fytqeAN029",
        ..DEF
    },
    RuleDef {
        id: "google-oauth-client-secret",
        title: "Google OAuth client secret",
        severity: High,
        keywords: &["gocspx-"],
        regex: prefixed!(r"GOCSPX-[0-9A-Za-z_-]{28}"),
        doc: "OAuth 2.0 client secret issued by Google Cloud (GOCSPX- prefix).",
        example: "client_secret: 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",
        ..DEF
    },
    RuleDef {
        id: "google-oauth-access-token",
        title: "Google OAuth access token",
        severity: Medium,
        keywords: &["ya29."],
        regex: prefixed!(r"ya29\.[0-9A-Za-z_-]{30,}"),
        doc: "Short-lived OAuth 2.0 access token for Google APIs.",
        example: "Authorization: Bearer ya29.JCuZz8vSElR2t9GNcYpUiZIgW_M8PGjdeSPVMHx8XRUdBjg01iJi75WXerIN",
        ..DEF
    },
    RuleDef {
        id: "google-oauth-refresh-token",
        title: "Google OAuth refresh token",
        severity: High,
        keywords: &["1//0"],
        regex: r#"(?i:refresh_?token)["']?\s{0,4}(?::|=|:=|=>)\s{0,4}["']?(1//0[0-9A-Za-z_-]{40,})"#,
        doc: "Long-lived OAuth 2.0 refresh token for Google APIs.",
        example: r#""refresh_token": "1//0JCuZz8vSElR2t9GNcYpUiZIgW_M8PGjdeSPVMHx8XRUdBjg01iJi75WXerIN""#,
        ..DEF
    },
    RuleDef {
        id: "azure-storage-account-key",
        title: "Azure storage account key",
        severity: Critical,
        keywords: &["accountkey", "storage_key", "storagekey", "storage.key", "storage-key", "storage_account", "storageaccount", "storage.account", "storage-account"],
        regex: r#"(?i:accountkey|storage[_.-]?(?:account[_.-]?)?(?:access[_.-]?)?key)["']?\s{0,4}(?::|=|:=|=>)\s{0,4}["']?([A-Za-z0-9+/]{86}==)"#,
        doc: "The 64-byte base64 shared key of a storage or Cosmos DB account (also inside connection strings).",
        example: "DefaultEndpointsProtocol=https;AccountName=prodlogs;AccountKey=hBGJyLF4gwdvpjITdNi7bAiUbHF/ZNm9Z0GdbsDPXVJU5TNJiPmHQBxBgqMAwSntsVSx3cbZgZmPAcwPinP38C==;EndpointSuffix=core.windows.net",
        ..DEF
    },
    RuleDef {
        id: "azure-sas-token",
        title: "Azure shared access signature",
        severity: High,
        keywords: &["sig="],
        regex: r#"(?i)\bsv=\d{4}-\d\d-\d\d&[^\s"'<>]{0,300}?\bsig=([A-Za-z0-9%+/]{40,100})"#,
        doc: "A signed SAS URL query (sv=…&sig=…) granting access to storage resources.",
        example: "https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2027-01-01T00:00:00Z&sig=q%2BoDxsonGHixeRGS6Ab2zJEjn4Ej%2FhitUwmQeSCKp1x%3D",
        ..DEF
    },
    RuleDef {
        id: "azure-ad-client-secret",
        title: "Microsoft Entra ID (Azure AD) client secret",
        severity: Critical,
        keywords: &["q~"],
        regex: r"(?:^|[^0-9A-Za-z_~.-])([0-9A-Za-z_~.-]{3}\dQ~[0-9A-Za-z_~.-]{31,34})(?:[^0-9A-Za-z_~.-]|$)",
        entropy: Some(3.5),
        doc: "Application client secret; current secrets carry `Q~` after the first four characters.",
        example: "AZURE_CLIENT_SECRET=abc8Q~orXwIS8HGNWkz2YS5ofA75UyiCDmO46ay",
        ..DEF
    },
    RuleDef {
        id: "azure-devops-pat",
        title: "Azure DevOps personal access token",
        severity: High,
        keywords: &["azure", "ado", "devops", "vsts"],
        regex: ctx!("(?:azure|ado|devops|vsts)", "(?:pat|token)", "[a-z2-7]{52}"),
        doc: "Legacy 52-character base32 Azure DevOps PAT next to an azure/devops name.",
        example: "AZURE_DEVOPS_PAT=sf5o6ym2o4ex2vs4rsapa2xiqy2rvggg5nfxbxbwbj6exk5u6dob",
        ..DEF
    },
    RuleDef {
        id: "azure-app-configuration",
        title: "Azure App Configuration connection string",
        severity: High,
        keywords: &["azconfig.io"],
        regex: r"(?i:endpoint=https://[a-z0-9-]+\.azconfig\.io;id=[^;\s]{1,64};secret=)([A-Za-z0-9+/]{40,}=*)",
        doc: "Connection string with the access key secret of an App Configuration store.",
        example: "Endpoint=https://cfg.azconfig.io;Id=AbCd-l0-s0:Z4SOcMz9CPVNPkNa;Secret=/0wIiXPxTbsWhBS42op6371XDWfe55KfgPt7QGOy8Zg=",
        ..DEF
    },
    RuleDef {
        id: "azure-shared-access-key",
        title: "Azure Service Bus / Event Hubs shared access key",
        severity: High,
        keywords: &["sharedaccesskey="],
        regex: r"(?i:sharedaccesskey=)([A-Za-z0-9+/]{43}=)",
        doc: "SharedAccessKey inside a Service Bus, Event Hubs or IoT Hub connection string.",
        example: "Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=/0wIiXPxTbsWhBS42op6371XDWfe55KfgPt7QGOy8Zg=",
        ..DEF
    },
    RuleDef {
        id: "alibaba-access-key-id",
        title: "Alibaba Cloud AccessKey ID",
        severity: Medium,
        keywords: &["ltai"],
        regex: r"\b(LTAI[0-9A-Za-z]{12,20})\b",
        doc: "Alibaba Cloud AccessKey ID (LTAI prefix); pairs with a 30-character secret.",
        example: "ALIBABA_ACCESS_KEY_ID=LTAIZ4SOcMz9CPVNPkNa",
        ..DEF
    },
    RuleDef {
        id: "alibaba-access-key-secret",
        title: "Alibaba Cloud AccessKey secret",
        severity: Critical,
        keywords: &["alibaba", "aliyun", "alicloud"],
        regex: ctx!("(?:alibaba|aliyun|alicloud)", "secret", "[0-9A-Za-z]{30}"),
        entropy: Some(3.5),
        doc: "Alibaba Cloud AccessKey secret next to an alibaba/aliyun name.",
        example: "ALIBABA_CLOUD_ACCESS_KEY_SECRET=pVTzqA05MFsHl7UeioEJP2NNern66n",
        ..DEF
    },
    RuleDef {
        id: "tencent-secret-id",
        title: "Tencent Cloud SecretId",
        severity: Medium,
        keywords: &["akid"],
        regex: r"\b(AKID[0-9A-Za-z]{32})\b",
        doc: "Tencent Cloud API SecretId (AKID prefix).",
        example: "TENCENTCLOUD_SECRET_ID=AKIDVberACpdclsxHKifxi5CvQUSHL8iLc7b",
        ..DEF
    },
    RuleDef {
        id: "ibm-cloud-api-key",
        title: "IBM Cloud API key",
        severity: High,
        keywords: &["ibm", "bluemix"],
        regex: ctx!("(?:ibm|bluemix)", "(?:api_?key|apikey|key)", "[0-9A-Za-z_-]{44}"),
        entropy: Some(3.5),
        doc: "IBM Cloud IAM API key next to an ibm/bluemix name.",
        example: "IBMCLOUD_API_KEY=orXwIS8HGNWkz2YS5ofA75UyiCDmO46ayJKP4GY08vDu",
        ..DEF
    },
    RuleDef {
        id: "digitalocean-pat",
        title: "DigitalOcean personal access token",
        severity: Critical,
        keywords: &["dop_v1_"],
        regex: r"\b(dop_v1_[0-9a-f]{64})\b",
        doc: "DigitalOcean API personal access token.",
        example: "DIGITALOCEAN_TOKEN=dop_v1_7c1f379c72bd57d32343e09790a52eec4b7190ea9af4f66916abf05676139a8d",
        ..DEF
    },
    RuleDef {
        id: "digitalocean-oauth-token",
        title: "DigitalOcean OAuth access token",
        severity: High,
        keywords: &["doo_v1_"],
        regex: r"\b(doo_v1_[0-9a-f]{64})\b",
        doc: "DigitalOcean OAuth access token.",
        example: "token: doo_v1_7c1f379c72bd57d32343e09790a52eec4b7190ea9af4f66916abf05676139a8d",
        ..DEF
    },
    RuleDef {
        id: "digitalocean-refresh-token",
        title: "DigitalOcean OAuth refresh token",
        severity: High,
        keywords: &["dor_v1_"],
        regex: r"\b(dor_v1_[0-9a-f]{64})\b",
        doc: "DigitalOcean OAuth refresh token.",
        example: "refresh: dor_v1_7c1f379c72bd57d32343e09790a52eec4b7190ea9af4f66916abf05676139a8d",
        ..DEF
    },
    RuleDef {
        id: "heroku-api-key",
        title: "Heroku API key",
        severity: High,
        keywords: &["heroku"],
        regex: ctx!("heroku", "(?:key|token|secret)", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        doc: "Legacy Heroku API key (a UUID) next to a heroku name.",
        example: "HEROKU_API_KEY=ed9c9e4c-b3f1-4368-aca3-386c33464260",
        ..DEF
    },
    RuleDef {
        id: "heroku-api-key-v2",
        title: "Heroku platform API key",
        severity: High,
        keywords: &["hrku-"],
        regex: prefixed!(r"HRKU-AA[0-9A-Za-z_-]{58}"),
        doc: "Current Heroku API key format (HRKU-AA prefix).",
        example: "HEROKU_API_KEY=HRKU-AAOnHn2INL2io6VOZw5luMu57mnXm4gi4piUfqygB18AIYTimzORZbgmKRw6",
        ..DEF
    },
    RuleDef {
        id: "linode-token",
        title: "Linode (Akamai) API token",
        severity: High,
        keywords: &["linode"],
        regex: ctx!("linode", "(?:token|key)", "[0-9a-f]{64}"),
        doc: "Linode personal access token next to a linode name.",
        example: "LINODE_TOKEN=7c1f379c72bd57d32343e09790a52eec4b7190ea9af4f66916abf05676139a8d",
        ..DEF
    },
    RuleDef {
        id: "scaleway-secret-key",
        title: "Scaleway secret key",
        severity: High,
        keywords: &["scw", "scaleway"],
        regex: ctx!("(?:scw|scaleway)", "secret", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        doc: "Scaleway API secret key (a UUID) next to an scw/scaleway name.",
        example: "SCW_SECRET_KEY=ed9c9e4c-b3f1-4368-aca3-386c33464260",
        ..DEF
    },
    RuleDef {
        id: "cloudflare-api-token",
        title: "Cloudflare API token",
        severity: High,
        keywords: &["cloudflare"],
        regex: ctx!("cloudflare", "(?:token|key)", "[0-9A-Za-z_-]{40}"),
        entropy: Some(3.5),
        doc: "Cloudflare API token (40 characters) next to a cloudflare name.",
        example: "CLOUDFLARE_API_TOKEN=e8r0khCEr7n1AyOHFRuT11NCue1cr3McRTrKwtPY",
        ..DEF
    },
    RuleDef {
        id: "cloudflare-global-api-key",
        title: "Cloudflare global API key",
        severity: Critical,
        keywords: &["cloudflare"],
        regex: ctx!("cloudflare", "(?:key|token)", "[0-9a-f]{37}"),
        doc: "Cloudflare global API key (37 hex characters) next to a cloudflare name.",
        example: "cloudflare_api_key: 53dd2ad464cfad0ca708a6a9e3c6a935897b4",
        ..DEF
    },
    RuleDef {
        id: "cloudflare-origin-ca-key",
        title: "Cloudflare Origin CA key",
        severity: High,
        keywords: &["v1.0-"],
        regex: r"\b(v1\.0-[0-9a-f]{24}-[0-9a-f]{146})\b",
        doc: "Origin CA key used to issue origin certificates.",
        example: "CF_ORIGIN_CA_KEY=v1.0-3dd475c5a6cd981f939451e0-7c1f379c72bd57d32343e09790a52eec4b7190ea9af4f66916abf05676139a8d7c1f379c72bd57d32343e09790a52eec4b7190ea9af4f66916abf05676139a8d0649c9ac2866c3a98f",
        ..DEF
    },
    RuleDef {
        id: "fastly-api-token",
        title: "Fastly API token",
        severity: High,
        keywords: &["fastly"],
        regex: ctx!("fastly", "(?:token|key)", "[0-9A-Za-z_-]{32}"),
        entropy: Some(3.5),
        doc: "Fastly API token next to a fastly name.",
        example: "FASTLY_API_TOKEN=VberACpdclsxHKifxi5CvQUSHL8iLc7b",
        ..DEF
    },
    RuleDef {
        id: "yandex-api-key",
        title: "Yandex Cloud API key",
        severity: High,
        keywords: &["aqvn"],
        regex: prefixed!(r"AQVN[0-9A-Za-z_-]{35,38}"),
        doc: "Yandex Cloud service-account API key (AQVN prefix).",
        example: "YC_API_KEY=AQVNHYBInUhtUrEpcPX5kWPGhMYE-fytqeAN029",
        ..DEF
    },
    RuleDef {
        id: "hashicorp-vault-service-token",
        title: "HashiCorp Vault service token",
        severity: Critical,
        keywords: &["hvs."],
        regex: prefixed!(r"hvs\.[0-9A-Za-z_-]{90,120}"),
        doc: "Vault service token (hvs. prefix, Vault 1.10+).",
        example: "VAULT_TOKEN=hvs._U8ctyIDHCEaYaE_kQHSncOAYuyuuQ-LV1KU_EFUPwqiinNo59fu09gSGYYGGVPxQAq1qIuqzWLDxb8rII1GYXrgupfyK",
        ..DEF
    },
    RuleDef {
        id: "hashicorp-vault-batch-token",
        title: "HashiCorp Vault batch token",
        severity: High,
        keywords: &["hvb."],
        regex: prefixed!(r"hvb\.[0-9A-Za-z_-]{138,300}"),
        doc: "Vault batch token (hvb. prefix).",
        example: "VAULT_TOKEN=hvb._U8ctyIDHCEaYaE_kQHSncOAYuyuuQ-LV1KU_EFUPwqiinNo59fu09gSGYYGGVPxQAq1qIuqzWLDxb8rII1GYXrgupfyKJCuZz8vSElR2t9GNcYpUiZIgW_M8PGjdeSPVMHx8XRUdBjg01iJi75WXerIN",
        ..DEF
    },
    RuleDef {
        id: "hashicorp-vault-legacy-token",
        title: "HashiCorp Vault legacy token",
        severity: High,
        keywords: &["vault"],
        regex: ctx!("vault", "token", r"s\.[0-9A-Za-z]{24}"),
        doc: "Pre-1.10 Vault service token (s. prefix) next to a vault name.",
        example: "VAULT_TOKEN=s.EyTzAeKOmXRrvftva9AW7hip",
        ..DEF
    },
    RuleDef {
        id: "terraform-cloud-token",
        title: "Terraform Cloud / Enterprise API token",
        severity: Critical,
        keywords: &["atlasv1"],
        regex: r"\b([0-9A-Za-z]{14}\.atlasv1\.[0-9A-Za-z_=-]{60,70})",
        doc: "HCP Terraform user, team or organisation token.",
        example: "token = \"lZGEONYlgCtjfI.atlasv1.JIGA9HK2gOCZPeJMQW9cy78kyEk2FINMdB8FAsHzMtxHsEPrJ7sQTVsbaXpLcOkAWRyd5\"",
        ..DEF
    },
    RuleDef {
        id: "pulumi-access-token",
        title: "Pulumi access token",
        severity: High,
        keywords: &["pul-"],
        regex: r"\b(pul-[0-9a-f]{40})\b",
        doc: "Pulumi Cloud access token.",
        example: "PULUMI_ACCESS_TOKEN=pul-6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "okta-api-token",
        title: "Okta API token",
        severity: High,
        keywords: &["okta"],
        regex: ctx!("okta", "(?:token|key)", "00[0-9A-Za-z_-]{40}"),
        entropy: Some(3.5),
        doc: "Okta SSWS API token (starts with 00) next to an okta name.",
        example: "OKTA_API_TOKEN=00e8r0khCEr7n1AyOHFRuT11NCue1cr3McRTrKwtPY",
        ..DEF
    },
];
