// The built-in templates (assets/templates/{fa,en}/*.txt), included by src/print/template.rs.
/// (language/name.txt, text) of every built-in template.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("fa/card.txt", include_str!("fa/card.txt")),
    ("fa/certificate.txt", include_str!("fa/certificate.txt")),
    ("fa/credential.txt", include_str!("fa/credential.txt")),
    ("fa/introduction_letter.txt", include_str!("fa/introduction_letter.txt")),
    ("fa/licence.txt", include_str!("fa/licence.txt")),
    ("fa/permit.txt", include_str!("fa/permit.txt")),
    ("fa/receipt.txt", include_str!("fa/receipt.txt")),
    ("fa/slip.txt", include_str!("fa/slip.txt")),
    ("en/card.txt", include_str!("en/card.txt")),
    ("en/certificate.txt", include_str!("en/certificate.txt")),
    ("en/credential.txt", include_str!("en/credential.txt")),
    ("en/introduction_letter.txt", include_str!("en/introduction_letter.txt")),
    ("en/licence.txt", include_str!("en/licence.txt")),
    ("en/permit.txt", include_str!("en/permit.txt")),
    ("en/receipt.txt", include_str!("en/receipt.txt")),
    ("en/slip.txt", include_str!("en/slip.txt")),
];
