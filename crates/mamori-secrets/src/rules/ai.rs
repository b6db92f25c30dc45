//! AI and model-hosting APIs: OpenAI, Anthropic, Hugging Face, Groq,
//! Replicate, Perplexity, xAI, Cohere, Mistral, LangSmith, Pinecone and
//! friends. These keys bill the owner per call, so leaks are costly fast.

use crate::rule::{RuleDef, Severity::*, DEF};

pub(super) const RULES: &[RuleDef] = &[
    RuleDef {
        id: "openai-api-key",
        title: "OpenAI API key",
        severity: Critical,
        keywords: &["t3blbkfj"],
        regex: r"\b(sk-(?:proj-|svcacct-|admin-)?[0-9A-Za-z_-]{20,200}T3BlbkFJ[0-9A-Za-z_-]{20,200})(?:[^0-9A-Za-z_-]|$)",
        doc: "OpenAI user, project, service-account or admin key (contains the T3BlbkFJ marker).",
        example: "OPENAI_API_KEY=sk-proj-OsFaQfDPrAJ71fTquWoGT3BlbkFJe8r0khCEr7n1AyOHFRuT",
        ..DEF
    },
    RuleDef {
        id: "anthropic-api-key",
        title: "Anthropic API key",
        severity: Critical,
        keywords: &["sk-ant-api03-"],
        regex: prefixed!(r"sk-ant-api03-[0-9A-Za-z_-]{93}AA"),
        doc: "Anthropic Claude API key (sk-ant-api03- prefix).",
        example: "ANTHROPIC_API_KEY=sk-ant-api03-_U8ctyIDHCEaYaE_kQHSncOAYuyuuQ-LV1KU_EFUPwqiinNo59fu09gSGYYGGVPxQAq1qIuqzWLDxb8rII1GYXrgupfyKAA",
        ..DEF
    },
    RuleDef {
        id: "anthropic-admin-key",
        title: "Anthropic admin API key",
        severity: Critical,
        keywords: &["sk-ant-admin01-"],
        regex: prefixed!(r"sk-ant-admin01-[0-9A-Za-z_-]{93}AA"),
        doc: "Anthropic organisation admin key (sk-ant-admin01- prefix).",
        example: "ANTHROPIC_ADMIN_KEY=sk-ant-admin01-_U8ctyIDHCEaYaE_kQHSncOAYuyuuQ-LV1KU_EFUPwqiinNo59fu09gSGYYGGVPxQAq1qIuqzWLDxb8rII1GYXrgupfyKAA",
        ..DEF
    },
    RuleDef {
        id: "huggingface-token",
        title: "Hugging Face access token",
        severity: High,
        keywords: &["hf_"],
        regex: r"\b(hf_[0-9A-Za-z]{34,37})\b",
        entropy: Some(3.5),
        doc: "Hugging Face user access token (hf_ prefix).",
        example: "HF_TOKEN=hf_StPKR0CsTy4Qwb8DwkNhFdnXsiVpzz63Ff",
        ..DEF
    },
    RuleDef {
        id: "huggingface-org-token",
        title: "Hugging Face organisation API token",
        severity: High,
        keywords: &["api_org_"],
        regex: r"\b(api_org_[0-9A-Za-z]{34})\b",
        doc: "Legacy Hugging Face organisation token (api_org_ prefix).",
        example: "HF_ORG_TOKEN=api_org_StPKR0CsTy4Qwb8DwkNhFdnXsiVpzz63Ff",
        ..DEF
    },
    RuleDef {
        id: "groq-api-key",
        title: "Groq API key",
        severity: High,
        keywords: &["gsk_"],
        regex: r"\b(gsk_[0-9A-Za-z]{52})\b",
        doc: "GroqCloud API key (gsk_ prefix).",
        example: "GROQ_API_KEY=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",
        ..DEF
    },
    RuleDef {
        id: "replicate-api-token",
        title: "Replicate API token",
        severity: High,
        keywords: &["r8_"],
        regex: r"\b(r8_[0-9A-Za-z]{37})\b",
        doc: "Replicate API token (r8_ prefix).",
        example: "REPLICATE_API_TOKEN=r8_LDCD1IfHWGbtMfEbo9ShFXNQ6Fq5axtjRNmHk",
        ..DEF
    },
    RuleDef {
        id: "perplexity-api-key",
        title: "Perplexity API key",
        severity: High,
        keywords: &["pplx-"],
        regex: r"\b(pplx-[0-9A-Za-z]{48})\b",
        doc: "Perplexity API key (pplx- prefix).",
        example: "PERPLEXITY_API_KEY=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",
        ..DEF
    },
    RuleDef {
        id: "xai-api-key",
        title: "xAI API key",
        severity: High,
        keywords: &["xai-"],
        regex: r"\b(xai-[0-9A-Za-z]{80})\b",
        doc: "xAI (Grok) API key (xai- prefix).",
        example: "XAI_API_KEY=xai-G5tYGN2wrrNRUKSLmOrWpm8pGP6m4RcOdarqBbNcgoIreWf6RkJpOxEEwnvvFVi13eZhCZ0N1XXnCBVq",
        ..DEF
    },
    RuleDef {
        id: "cohere-api-key",
        title: "Cohere API key",
        severity: High,
        keywords: &["cohere", "co_api"],
        regex: ctx!("(?:cohere|co_api)", "(?:key|token|)", "[0-9A-Za-z]{40}"),
        entropy: Some(3.5),
        doc: "Cohere API key next to a cohere name.",
        example: "COHERE_API_KEY=e8r0khCEr7n1AyOHFRuT11NCue1cr3McRTrKwtPY",
        ..DEF
    },
    RuleDef {
        id: "mistral-api-key",
        title: "Mistral AI API key",
        severity: High,
        keywords: &["mistral"],
        regex: ctx!("mistral", "(?:key|token)", "[0-9A-Za-z]{32}"),
        entropy: Some(3.5),
        doc: "Mistral AI API key next to a mistral name.",
        example: "MISTRAL_API_KEY=VberACpdclsxHKifxi5CvQUSHL8iLc7b",
        ..DEF
    },
    RuleDef {
        id: "deepseek-api-key",
        title: "DeepSeek API key",
        severity: High,
        keywords: &["deepseek"],
        regex: ctx!("deepseek", "(?:key|token)", "sk-[0-9a-f]{32}"),
        doc: "DeepSeek API key (sk- + 32 hex) next to a deepseek name.",
        example: "DEEPSEEK_API_KEY=sk-8170fbe7d5d5a484814506442b83fe29",
        ..DEF
    },
    RuleDef {
        id: "langsmith-api-key",
        title: "LangSmith API key",
        severity: High,
        keywords: &["lsv2_"],
        regex: r"\b(lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10})\b",
        doc: "LangSmith personal or service key (lsv2_pt_/lsv2_sk_).",
        example: "LANGCHAIN_API_KEY=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",
        ..DEF
    },
    RuleDef {
        id: "pinecone-api-key",
        title: "Pinecone API key",
        severity: High,
        keywords: &["pcsk_"],
        regex: r"\b(pcsk_[0-9A-Za-z]{5,6}_[0-9A-Za-z]{60,70})\b",
        doc: "Pinecone API key (pcsk_ prefix).",
        example: "PINECONE_API_KEY=pcsk_3aB9x_Sc2mlADxVxz6mMkgGYau5fZ1T436O8zKMmGLvZWqr6hVVXk07zi5v4ISxXBW",
        ..DEF
    },
    RuleDef {
        id: "wandb-api-key",
        title: "Weights & Biases API key",
        severity: Medium,
        keywords: &["wandb"],
        regex: ctx!("wandb", "(?:key|token)", "[0-9a-f]{40}"),
        doc: "W&B API key (40 hex) next to a wandb name.",
        example: "WANDB_API_KEY=6606247fdaa2b8e3e47285a4309b7b552e1c549c",
        ..DEF
    },
    RuleDef {
        id: "elevenlabs-api-key",
        title: "ElevenLabs API key",
        severity: Medium,
        keywords: &["sk_"],
        regex: r"\b(sk_[0-9a-f]{48})\b",
        doc: "ElevenLabs API key (sk_ + 48 hex).",
        example: "ELEVENLABS_API_KEY=sk_056de14c3c5a487a114cf3fbdd9fedd33add0a19dca9273e",
        ..DEF
    },
    RuleDef {
        id: "assemblyai-api-key",
        title: "AssemblyAI API key",
        severity: Medium,
        keywords: &["assemblyai", "assembly_ai"],
        regex: ctx!("assembly_?ai", "(?:key|token)", "[0-9a-f]{32}"),
        doc: "AssemblyAI API key (32 hex) next to an assemblyai name.",
        example: "ASSEMBLYAI_API_KEY=8170fbe7d5d5a484814506442b83fe29",
        ..DEF
    },
];
