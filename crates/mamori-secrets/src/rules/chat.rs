//! Chat, social and messaging services: Slack, Discord, Telegram, Microsoft
//! Teams, Facebook, X/Twitter and e-mail/SMS providers (SendGrid, Mailgun,
//! Mailchimp, Twilio…). Webhook URLs count as secrets: whoever holds one can
//! post into the channel.

use crate::rule::{RuleDef, Severity::*, DEF};

pub(super) const RULES: &[RuleDef] = &[
    RuleDef {
        id: "slack-bot-token",
        title: "Slack bot token",
        severity: High,
        keywords: &["xoxb-"],
        regex: r"\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-[0-9A-Za-z]{24})\b",
        doc: "Slack bot user OAuth token (xoxb-).",
        example: "SLACK_BOT_TOKEN=xoxb-2048392010-4812098712354-EyTzAeKOmXRrvftva9AW7hip",
        ..DEF
    },
    RuleDef {
        id: "slack-user-token",
        title: "Slack user token",
        severity: High,
        keywords: &["xoxp-"],
        regex: r"\b(xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[0-9a-f]{32})\b",
        doc: "Slack user OAuth token (xoxp-).",
        example: "SLACK_USER_TOKEN=xoxp-2048392010-2048392011-4812098712354-8170fbe7d5d5a484814506442b83fe29",
        ..DEF
    },
    RuleDef {
        id: "slack-legacy-token",
        title: "Slack legacy or session token",
        severity: High,
        keywords: &["xoxa-", "xoxo-", "xoxr-", "xoxs-"],
        regex: r"\b(xox[aors]-[0-9]{1,13}-[0-9A-Za-z-]{10,200})\b",
        doc: "Legacy workspace, refresh or session tokens (xoxa-, xoxo-, xoxr-, xoxs-).",
        example: "token: xoxs-2048392010-2048392011-e8r0khCEr7n1AyOHFRuT",
        ..DEF
    },
    RuleDef {
        id: "slack-config-token",
        title: "Slack configuration access token",
        severity: High,
        keywords: &["xoxe.xox"],
        regex: r"\b(xoxe\.xox[bp]-1-[0-9A-Za-z]{160,170})\b",
        doc: "App configuration access token (xoxe.xoxp-1-).",
        example: "SLACK_CONFIG_TOKEN=xoxe.xoxp-1-0GPRZwwrPwV81Aw71l33SCx9vHjHkm1x72EsSfUQUAkNX7LHQ7AtNJX3OrUbmkLCNPloWRlOTcEokd5ihu9lEmJcADwyQNeLnpT5xawz8r2A3hS1Jx9cJNtgsIGv8Ls9w0iAA0KPIxDjkMyKE9m9iMfw05QayguK6NIju",
        ..DEF
    },
    RuleDef {
        id: "slack-config-refresh-token",
        title: "Slack configuration refresh token",
        severity: High,
        keywords: &["xoxe-1-"],
        regex: r"\b(xoxe-1-[0-9A-Za-z]{130,160})\b",
        doc: "App configuration refresh token (xoxe-1-).",
        example: "SLACK_REFRESH=xoxe-1-G5tYGN2wrrNRUKSLmOrWpm8pGP6m4RcOdarqBbNcgoIreWf6RkJpOxEEwnvvFVi13eZhCZ0N1XXnCBVqG5tYGN2wrrNRUKSLmOrWpm8pGP6m4RcOdarqBbNcgoIreWf6RkJpOxE",
        ..DEF
    },
    RuleDef {
        id: "slack-app-token",
        title: "Slack app-level token",
        severity: High,
        keywords: &["xapp-"],
        regex: r"(?i)\b(xapp-\d-[A-Z0-9]{9,12}-\d{10,16}-[0-9a-f]{64})\b",
        doc: "App-level token for Socket Mode (xapp-).",
        example: "SLACK_APP_TOKEN=xapp-1-A04BCDE1FGH-4812098712354-7c1f379c72bd57d32343e09790a52eec4b7190ea9af4f66916abf05676139a8d",
        ..DEF
    },
    RuleDef {
        id: "slack-webhook-url",
        title: "Slack incoming webhook URL",
        severity: Medium,
        keywords: &["hooks.slack.com"],
        regex: r"(https?://hooks\.slack\.com/(?:services|workflows|triggers)/[0-9A-Za-z+/_-]{30,120})",
        doc: "Incoming webhook or workflow trigger URL; anyone holding it can post to the channel.",
        example: "SLACK_WEBHOOK=https://hooks.slack.com/services/T04BCDE1F/B05GHIJ2K/sbeKXgzg2sye9b2Rann76d",
        ..DEF
    },
    RuleDef {
        id: "discord-bot-token",
        title: "Discord bot token",
        severity: High,
        keywords: &["discord"],
        regex: ctx!("discord", "(?:token|key)", r"[MNO][0-9A-Za-z_-]{23,25}\.[0-9A-Za-z_-]{6}\.[0-9A-Za-z_-]{27,38}"),
        doc: "Discord bot token (base64 user ID, timestamp, HMAC) next to a discord name.",
        example: "DISCORD_BOT_TOKEN=MTA5NzY0ODEyMzQ1Njc4OTAxMg.GhT7xQ.B1SFxu9AZB7N85-x-AX1jgJUJcx",
        ..DEF
    },
    RuleDef {
        id: "discord-client-secret",
        title: "Discord OAuth client secret",
        severity: High,
        keywords: &["discord"],
        regex: ctx!("discord", "secret", "[0-9A-Za-z_-]{32}"),
        entropy: Some(3.5),
        doc: "Discord application client secret next to a discord name.",
        example: "DISCORD_CLIENT_SECRET=PcIsJZJPDk9zUHgtiaNkaxR9rz09e1SY",
        ..DEF
    },
    RuleDef {
        id: "discord-webhook-url",
        title: "Discord webhook URL",
        severity: Medium,
        keywords: &["/api/webhooks/"],
        regex: r"(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[0-9A-Za-z_-]{60,70})",
        doc: "Discord channel webhook URL.",
        example: "https://discord.com/api/webhooks/1097648193051737612/JCuZz8vSElR2t9GNcYpUiZIgW_M8PGjdeSPVMHx8XRUdBjg01iJi75WXerIN",
        ..DEF
    },
    RuleDef {
        id: "telegram-bot-token",
        title: "Telegram bot token",
        severity: High,
        keywords: &[":aa"],
        regex: prefixed!(r"[0-9]{8,10}:AA[0-9A-Za-z_-]{33}"),
        doc: "Telegram Bot API token (bot ID, colon, AA + 33 characters).",
        example: "TELEGRAM_BOT_TOKEN=6093817264:AAHYBInUhtUrEpcPX5kWPGhMYE-fytqeAN0",
        ..DEF
    },
    RuleDef {
        id: "microsoft-teams-webhook",
        title: "Microsoft Teams incoming webhook URL",
        severity: Medium,
        keywords: &["webhook.office.com"],
        regex: r"(https://[0-9a-z-]+\.webhook\.office\.com/webhookb2/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36}(?:/[0-9A-Za-z_-]+)?)",
        doc: "Teams connector webhook URL.",
        example: "https://contoso.webhook.office.com/webhookb2/ed9c9e4c-b3f1-4368-aca3-386c33464260@ed9c9e4c-b3f1-4368-aca3-386c33464260/IncomingWebhook/8170fbe7d5d5a484814506442b83fe29/ed9c9e4c-b3f1-4368-aca3-386c33464260",
        ..DEF
    },
    RuleDef {
        id: "mattermost-token",
        title: "Mattermost access token",
        severity: High,
        keywords: &["mattermost"],
        regex: ctx!("mattermost", "token", "[0-9a-z]{26}"),
        entropy: Some(3.5),
        doc: "Mattermost personal access or bot token next to a mattermost name.",
        example: "MATTERMOST_TOKEN=z1o8hde3zn7n5xj6zgfakq4h13",
        ..DEF
    },
    RuleDef {
        id: "twitch-api-token",
        title: "Twitch API token",
        severity: High,
        keywords: &["twitch"],
        regex: ctx!("twitch", "(?:token|secret|key)", "[0-9a-z]{30}"),
        entropy: Some(3.5),
        doc: "Twitch OAuth token or client secret next to a twitch name.",
        example: "TWITCH_CLIENT_SECRET=jbxxbgw0898hgt6hepif66tswpp03d",
        ..DEF
    },
    RuleDef {
        id: "facebook-access-token",
        title: "Facebook / Meta access token",
        severity: High,
        keywords: &["eaa"],
        regex: r"\b(EAA[BCDGIQZ][0-9A-Za-z]{90,})\b",
        doc: "Graph API user, page or system-user access token (EAA prefix).",
        example: "FB_TOKEN=EAABG5tYGN2wrrNRUKSLmOrWpm8pGP6m4RcOdarqBbNcgoIreWf6RkJpOxEEwnvvFVi13eZhCZ0N1XXnCBVqlznUleZvtEga4w",
        ..DEF
    },
    RuleDef {
        id: "facebook-app-secret",
        title: "Facebook / Meta app secret",
        severity: High,
        keywords: &["facebook", "fb_"],
        regex: ctx!("(?:facebook|fb_)", "secret", "[0-9a-f]{32}"),
        doc: "App secret (32 hex) next to a facebook name.",
        example: "FACEBOOK_APP_SECRET=8170fbe7d5d5a484814506442b83fe29",
        ..DEF
    },
    RuleDef {
        id: "twitter-bearer-token",
        title: "X / Twitter bearer token",
        severity: High,
        keywords: &["aaaaaaaaaaaaaaaaaaaa"],
        regex: r"\b(A{20,24}[0-9A-Za-z%]{30,160})",
        doc: "App-only bearer token (starts with a run of A's).",
        example: "TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F",
        ..DEF
    },
    RuleDef {
        id: "twitter-api-secret",
        title: "X / Twitter API secret",
        severity: High,
        keywords: &["twitter"],
        regex: ctx!("twitter", "secret", "[0-9A-Za-z]{45,50}"),
        entropy: Some(3.5),
        doc: "API key secret or access-token secret next to a twitter name.",
        example: "TWITTER_API_SECRET=vRY6iEjH5UH1RSC84FL8SfWoCHJs1UJOkHG16JqtQy9235Nnt2",
        ..DEF
    },
    RuleDef {
        id: "linkedin-client-secret",
        title: "LinkedIn client secret",
        severity: Medium,
        keywords: &["linkedin"],
        regex: ctx!("linkedin", "secret", "[0-9A-Za-z]{16}"),
        entropy: Some(3.0),
        doc: "LinkedIn OAuth client secret next to a linkedin name.",
        example: "LINKEDIN_CLIENT_SECRET=Z4SOcMz9CPVNPkNa",
        ..DEF
    },
    RuleDef {
        id: "intercom-access-token",
        title: "Intercom access token",
        severity: High,
        keywords: &["intercom"],
        regex: ctx!("intercom", "(?:token|key)", "[0-9A-Za-z=_-]{59,60}"),
        entropy: Some(3.5),
        doc: "Intercom access token next to an intercom name.",
        example: "INTERCOM_ACCESS_TOKEN=dG9rOjE2NzNkN2NmXzg0NzhfNGVjOV9iN2YwXzE3MDc3YTBmMmZlNDoxOjA=",
        ..DEF
    },
    RuleDef {
        id: "zendesk-api-token",
        title: "Zendesk API token",
        severity: High,
        keywords: &["zendesk"],
        regex: ctx!("zendesk", "(?:token|key)", "[0-9A-Za-z]{40}"),
        entropy: Some(3.5),
        doc: "Zendesk API token next to a zendesk name.",
        example: "ZENDESK_API_TOKEN=e8r0khCEr7n1AyOHFRuT11NCue1cr3McRTrKwtPY",
        ..DEF
    },
    RuleDef {
        id: "sendgrid-api-key",
        title: "SendGrid API key",
        severity: High,
        keywords: &["sg."],
        regex: prefixed!(r"SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}"),
        doc: "Twilio SendGrid API key (SG. + 22 + . + 43).",
        example: "SENDGRID_API_KEY=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",
        ..DEF
    },
    RuleDef {
        id: "mailgun-private-key",
        title: "Mailgun private API key",
        severity: High,
        keywords: &["key-"],
        regex: r"\b(key-[0-9a-f]{32})\b",
        doc: "Legacy Mailgun private API key (key- + 32 hex).",
        example: "MAILGUN_API_KEY=key-8170fbe7d5d5a484814506442b83fe29",
        ..DEF
    },
    RuleDef {
        id: "mailgun-api-key",
        title: "Mailgun API key",
        severity: High,
        keywords: &["mailgun"],
        regex: ctx!("mailgun", "(?:key|token|secret)", "[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}"),
        doc: "Current Mailgun API key format next to a mailgun name.",
        example: "MAILGUN_API_KEY=8170fbe7d5d5a484814506442b83fe29-bcc6bc45-0ca92373",
        ..DEF
    },
    RuleDef {
        id: "mailchimp-api-key",
        title: "Mailchimp API key",
        severity: High,
        keywords: &["-us"],
        regex: r"\b([0-9a-f]{32}-us[0-9]{1,2})\b",
        doc: "Mailchimp Marketing API key (32 hex + datacentre suffix).",
        example: "MAILCHIMP_API_KEY=8170fbe7d5d5a484814506442b83fe29-us21",
        ..DEF
    },
    RuleDef {
        id: "mandrill-api-key",
        title: "Mandrill API key",
        severity: High,
        keywords: &["mandrill"],
        regex: ctx!("mandrill", "(?:key|token)", "[0-9A-Za-z_-]{22}"),
        entropy: Some(3.5),
        doc: "Mailchimp Transactional (Mandrill) key next to a mandrill name.",
        example: "MANDRILL_API_KEY=sbeKXgzg2sye9b2Rann76d",
        ..DEF
    },
    RuleDef {
        id: "postmark-server-token",
        title: "Postmark server token",
        severity: High,
        keywords: &["postmark"],
        regex: ctx!("postmark", "(?:token|key)", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        doc: "Postmark server or account token (a UUID) next to a postmark name.",
        example: "POSTMARK_SERVER_TOKEN=ed9c9e4c-b3f1-4368-aca3-386c33464260",
        ..DEF
    },
    RuleDef {
        id: "brevo-api-key",
        title: "Brevo (Sendinblue) API key",
        severity: High,
        keywords: &["xkeysib-"],
        regex: r"\b(xkeysib-[0-9a-f]{64}-[0-9A-Za-z]{16})\b",
        doc: "Brevo API v3 key (xkeysib- prefix).",
        example: "BREVO_API_KEY=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",
        ..DEF
    },
    RuleDef {
        id: "sparkpost-api-key",
        title: "SparkPost API key",
        severity: High,
        keywords: &["sparkpost"],
        regex: ctx!("sparkpost", "(?:key|token)", "[0-9a-f]{40}"),
        doc: "SparkPost API key (40 hex) next to a sparkpost name.",
        example: "SPARKPOST_API_KEY=6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "twilio-api-key",
        title: "Twilio API key SID",
        severity: Medium,
        keywords: &["sk"],
        regex: r"\b(SK[0-9a-f]{32})\b",
        doc: "Twilio API key SID (SK + 32 hex); the key secret is usually close by.",
        example: "TWILIO_API_KEY=SK8170fbe7d5d5a484814506442b83fe29",
        ..DEF
    },
    RuleDef {
        id: "twilio-auth-token",
        title: "Twilio auth token",
        severity: Critical,
        keywords: &["twilio"],
        regex: ctx!("twilio", "(?:token|secret)", "[0-9a-f]{32}"),
        doc: "Account auth token or API key secret (32 hex) next to a twilio name.",
        example: "TWILIO_AUTH_TOKEN=8170fbe7d5d5a484814506442b83fe29",
        ..DEF
    },
    RuleDef {
        id: "vonage-api-secret",
        title: "Vonage (Nexmo) API secret",
        severity: High,
        keywords: &["nexmo", "vonage"],
        regex: ctx!("(?:nexmo|vonage)", "secret", "[0-9A-Za-z]{16}"),
        entropy: Some(3.0),
        doc: "Vonage API secret next to a nexmo/vonage name.",
        example: "VONAGE_API_SECRET=Z4SOcMz9CPVNPkNa",
        ..DEF
    },
    RuleDef {
        id: "messagebird-api-key",
        title: "MessageBird API key",
        severity: High,
        keywords: &["messagebird"],
        regex: ctx!("messagebird", "(?:key|token)", "[0-9A-Za-z]{25}"),
        entropy: Some(3.5),
        doc: "MessageBird (Bird) access key next to a messagebird name.",
        example: "MESSAGEBIRD_API_KEY=TgadDZFlRJmCGmUXiAPyhzAna",
        ..DEF
    },
    RuleDef {
        id: "pagerduty-api-key",
        title: "PagerDuty API key",
        severity: High,
        keywords: &["pagerduty"],
        regex: ctx!("pagerduty", "(?:token|key)", "[0-9A-Za-z_+-]{20}"),
        entropy: Some(3.5),
        doc: "PagerDuty REST API key next to a pagerduty name.",
        example: "PAGERDUTY_API_KEY=u+OsFaQfDPrAJ71fTquW",
        ..DEF
    },
    RuleDef {
        id: "opsgenie-api-key",
        title: "Opsgenie API key",
        severity: High,
        keywords: &["opsgenie"],
        regex: ctx!("opsgenie", "(?:token|key)", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        doc: "Opsgenie API key (a UUID) next to an opsgenie name.",
        example: "OPSGENIE_API_KEY=ed9c9e4c-b3f1-4368-aca3-386c33464260",
        ..DEF
    },
    RuleDef {
        id: "zapier-webhook-url",
        title: "Zapier webhook URL",
        severity: Medium,
        keywords: &["hooks.zapier.com"],
        regex: r"(https://hooks\.zapier\.com/hooks/catch/[0-9]{5,10}/[0-9a-z]{6,8}/?)",
        doc: "Zapier catch hook URL that triggers a Zap.",
        example: "ZAP_URL=https://hooks.zapier.com/hooks/catch/1234567/abc12de/",
        ..DEF
    },
];
