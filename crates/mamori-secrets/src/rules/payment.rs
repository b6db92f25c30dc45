//! Payments and commerce: Stripe, Square, PayPal/Braintree, Shopify, Plaid,
//! Razorpay, Flutterwave and shipping APIs. Only live-mode keys are rules;
//! test-mode keys (`sk_test_…`) cannot move money and are left alone.

use crate::rule::{RuleDef, Severity::*, DEF};

pub(super) const RULES: &[RuleDef] = &[
    RuleDef {
        id: "stripe-secret-key",
        title: "Stripe live secret key",
        severity: Critical,
        keywords: &["sk_live_"],
        regex: r"\b(sk_live_[0-9A-Za-z]{24,99})\b",
        doc: "Stripe live-mode secret API key.",
        example: "STRIPE_SECRET_KEY=sk_live_TgadDZFlRJmCGmUXiAPyhzAna",
        ..DEF
    },
    RuleDef {
        id: "stripe-restricted-key",
        title: "Stripe live restricted key",
        severity: High,
        keywords: &["rk_live_"],
        regex: r"\b(rk_live_[0-9A-Za-z]{24,99})\b",
        doc: "Stripe live-mode restricted API key.",
        example: "STRIPE_KEY=rk_live_TgadDZFlRJmCGmUXiAPyhzAna",
        ..DEF
    },
    RuleDef {
        id: "stripe-webhook-secret",
        title: "Stripe webhook signing secret",
        severity: Medium,
        keywords: &["whsec_"],
        regex: r"\b(whsec_[0-9A-Za-z]{32,64})\b",
        doc: "Webhook endpoint signing secret; lets an attacker forge Stripe events.",
        example: "STRIPE_WEBHOOK_SECRET=whsec_VberACpdclsxHKifxi5CvQUSHL8iLc7b",
        ..DEF
    },
    RuleDef {
        id: "square-access-token",
        title: "Square access token",
        severity: Critical,
        keywords: &["eaaa", "sq0atp-"],
        regex: prefixed!(r"(?:EAAA[0-9A-Za-z_-]{60}|sq0atp-[0-9A-Za-z_-]{22})"),
        doc: "Square production access token (EAAA or sq0atp- prefix).",
        example: "SQUARE_ACCESS_TOKEN=EAAASc2mlADxVxz6mMkgGYau5fZ1T436O8zKMmGLvZWqr6hVVXk07zi5v4ISxXBW",
        ..DEF
    },
    RuleDef {
        id: "square-oauth-secret",
        title: "Square OAuth application secret",
        severity: High,
        keywords: &["sq0csp-"],
        regex: prefixed!(r"sq0csp-[0-9A-Za-z_-]{43}"),
        doc: "Square application secret (sq0csp- prefix).",
        example: "SQUARE_APP_SECRET=sq0csp-rHO5WsAJ5ZrXTCnLVSBrfd9bMiBTpVEHl2pY_h-XQK_",
        ..DEF
    },
    RuleDef {
        id: "braintree-access-token",
        title: "PayPal Braintree access token",
        severity: Critical,
        keywords: &["access_token$production$"],
        regex: r"\b(access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})\b",
        doc: "Braintree production access token.",
        example: "BRAINTREE_TOKEN=access_token$production$x7k2m9q4w8e1r5t3$8170fbe7d5d5a484814506442b83fe29",
        ..DEF
    },
    RuleDef {
        id: "paypal-client-secret",
        title: "PayPal REST client secret",
        severity: High,
        keywords: &["paypal"],
        regex: ctx!("paypal", "secret", "[0-9A-Za-z_-]{80}"),
        entropy: Some(3.5),
        doc: "PayPal REST API client secret next to a paypal name.",
        example: "PAYPAL_CLIENT_SECRET=G5tYGN2wrrNRUKSLmOrWpm8pGP6m4RcOdarqBbNcgoIreWf6RkJpOxEEwnvvFVi13eZhCZ0N1XXnCBVq",
        ..DEF
    },
    RuleDef {
        id: "shopify-access-token",
        title: "Shopify Admin API access token",
        severity: Critical,
        keywords: &["shpat_"],
        regex: r"\b(shpat_[0-9a-fA-F]{32})\b",
        doc: "Shopify Admin API access token (shpat_).",
        example: "SHOPIFY_ACCESS_TOKEN=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",
        ..DEF
    },
    RuleDef {
        id: "shopify-custom-app-token",
        title: "Shopify custom app access token",
        severity: Critical,
        keywords: &["shpca_"],
        regex: r"\b(shpca_[0-9a-fA-F]{32})\b",
        doc: "Shopify custom app access token (shpca_).",
        example: "SHOPIFY_TOKEN=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",
        ..DEF
    },
    RuleDef {
        id: "shopify-private-app-token",
        title: "Shopify private app password",
        severity: Critical,
        keywords: &["shppa_"],
        regex: r"\b(shppa_[0-9a-fA-F]{32})\b",
        doc: "Shopify private app access token (shppa_).",
        example: "SHOPIFY_PASSWORD=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",
        ..DEF
    },
    RuleDef {
        id: "shopify-shared-secret",
        title: "Shopify app shared secret",
        severity: High,
        keywords: &["shpss_"],
        regex: r"\b(shpss_[0-9a-fA-F]{32})\b",
        doc: "Shopify app shared secret (shpss_), used to verify webhooks and OAuth.",
        example: "SHOPIFY_SHARED_SECRET=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",
        ..DEF
    },
    RuleDef {
        id: "plaid-access-token",
        title: "Plaid access token",
        severity: High,
        keywords: &["access-production-", "access-development-"],
        regex: r"\b(access-(?:production|development)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b",
        doc: "Plaid Item access token for the production or development environment.",
        example: "plaid_token: access-production-ed9c9e4c-b3f1-4368-aca3-386c33464260",
        ..DEF
    },
    RuleDef {
        id: "plaid-secret",
        title: "Plaid API secret",
        severity: High,
        keywords: &["plaid"],
        regex: ctx!("plaid", "secret", "[0-9a-f]{30}"),
        doc: "Plaid client secret (30 hex) next to a plaid name.",
        example: "PLAID_SECRET=f1a365b67f7e58c59f8fca2f7c164c",
        ..DEF
    },
    RuleDef {
        id: "razorpay-live-key",
        title: "Razorpay live key ID",
        severity: Medium,
        keywords: &["rzp_live_"],
        regex: r"\b(rzp_live_[0-9A-Za-z]{14})\b",
        doc: "Razorpay live-mode key ID; the key secret is usually close by.",
        example: "RAZORPAY_KEY_ID=rzp_live_lZGEONYlgCtjfI",
        ..DEF
    },
    RuleDef {
        id: "flutterwave-secret-key",
        title: "Flutterwave secret key",
        severity: Critical,
        keywords: &["flwseck-"],
        regex: r"\b(FLWSECK-[0-9a-f]{32}-X)(?:[^0-9A-Za-z]|$)",
        doc: "Flutterwave live secret key (FLWSECK- prefix).",
        example: "FLW_SECRET_KEY=FLWSECK-8170fbe7d5d5a484814506442b83fe29-X",
        ..DEF
    },
    RuleDef {
        id: "gocardless-access-token",
        title: "GoCardless live access token",
        severity: High,
        keywords: &["gocardless"],
        regex: ctx!("gocardless", "(?:token|key)", "live_[0-9A-Za-z_=-]{40}"),
        doc: "GoCardless live access token next to a gocardless name.",
        example: "GOCARDLESS_ACCESS_TOKEN=live_e8r0khCEr7n1AyOHFRuT11NCue1cr3McRTrKwtPY",
        ..DEF
    },
    RuleDef {
        id: "easypost-api-key",
        title: "EasyPost production API key",
        severity: High,
        keywords: &["ezak"],
        regex: r"\b(EZAK[0-9A-Za-z]{54})\b",
        doc: "EasyPost production API key (EZAK prefix).",
        example: "EASYPOST_API_KEY=EZAKHugmANb7qiSXbcmjoaRsuUwpNFgFULh2GNqTmSH4BbyOA0HNkIn3OI",
        ..DEF
    },
    RuleDef {
        id: "shippo-live-token",
        title: "Shippo live API token",
        severity: High,
        keywords: &["shippo_live_"],
        regex: r"\b(shippo_live_[0-9a-f]{40})\b",
        doc: "Shippo live API token.",
        example: "SHIPPO_TOKEN=shippo_live_6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "duffel-live-token",
        title: "Duffel live access token",
        severity: High,
        keywords: &["duffel_live_"],
        regex: prefixed!(r"duffel_live_[0-9A-Za-z_=-]{43}"),
        doc: "Duffel live-mode access token.",
        example: "DUFFEL_TOKEN=duffel_live_rHO5WsAJ5ZrXTCnLVSBrfd9bMiBTpVEHl2pY_h-XQK_",
        ..DEF
    },
    RuleDef {
        id: "coinbase-api-secret",
        title: "Coinbase API secret",
        severity: Critical,
        keywords: &["coinbase"],
        regex: ctx!("coinbase", "secret", "[0-9A-Za-z+/=_-]{32,88}"),
        entropy: Some(3.5),
        doc: "Coinbase / Coinbase Exchange API secret next to a coinbase name.",
        example: "COINBASE_API_SECRET=PngU30ZP7Thnp5yftIY7uq6T2bwGfcCvJAXrF6bnZ3eBZclI",
        ..DEF
    },
];
