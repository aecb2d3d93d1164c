//! DSSE envelopes (Dead Simple Signing Envelope, secure-systems-lab/dsse v1).
//!
//! The signature covers the Pre-Authentication Encoding (PAE) of payload type
//! and payload, never the JSON around them, so whitespace in the stored file
//! cannot change what was signed and the payload type cannot be swapped.

use super::keys::{Signer, TrustedKeys, short_id};
use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// Payload type of an in-toto Statement.
pub const IN_TOTO_PAYLOAD_TYPE: &str = "application/vnd.in-toto+json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// Base64 (standard alphabet, padded) of the payload bytes.
    pub payload: String,
    #[serde(rename = "payloadType")]
    pub payload_type: String,
    pub signatures: Vec<EnvelopeSignature>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnvelopeSignature {
    pub keyid: String,
    /// Base64 of the Ed25519 signature over `PAE(payloadType, payload)`.
    pub sig: String,
}

/// `PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`.
pub fn pae(payload_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = format!("DSSEv1 {} {} {} ", payload_type.len(), payload_type, payload.len()).into_bytes();
    out.extend_from_slice(payload);
    out
}

fn b64() -> &'static base64::engine::GeneralPurpose {
    &base64::engine::general_purpose::STANDARD
}

impl Envelope {
    /// Sign `payload` as `payload_type` with `signer`.
    pub fn sign(payload_type: &str, payload: &[u8], signer: &Signer) -> Envelope {
        let sig = signer.sign(&pae(payload_type, payload));
        Envelope {
            payload: b64().encode(payload),
            payload_type: payload_type.to_string(),
            signatures: vec![EnvelopeSignature { keyid: signer.key_id().to_string(), sig: b64().encode(sig) }],
        }
    }

    /// Bytes as stored: pretty JSON with a trailing newline. The manifest digest is over these bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = serde_json::to_vec_pretty(self).unwrap_or_default();
        out.push(b'\n');
        out
    }

    /// Parse stored bytes; the error says what is malformed.
    pub fn parse(bytes: &[u8]) -> Result<Envelope, String> {
        serde_json::from_slice(bytes).map_err(|e| format!("not a DSSE envelope: {e}"))
    }

    /// Check the payload type, then that at least one signature verifies with a trusted key.
    /// Returns the decoded payload and the key id that verified it; the error is the reason.
    pub fn open(&self, expected_type: &str, keys: &TrustedKeys) -> Result<(Vec<u8>, String), String> {
        if self.payload_type != expected_type {
            return Err(format!("payloadType is `{}`, expected `{expected_type}`", self.payload_type));
        }
        let payload = b64().decode(&self.payload).map_err(|e| format!("payload is not valid base64: {e}"))?;
        if self.signatures.is_empty() {
            return Err("envelope has no signatures".into());
        }
        let message = pae(&self.payload_type, &payload);
        let mut untrusted = Vec::new();
        for s in &self.signatures {
            if keys.get(&s.keyid).is_none() {
                untrusted.push(short_id(&s.keyid).to_string());
                continue;
            }
            let sig = b64().decode(&s.sig).unwrap_or_default();
            if keys.verify(&s.keyid, &message, &sig) {
                return Ok((payload, s.keyid.clone()));
            }
        }
        if untrusted.len() == self.signatures.len() {
            return Err(format!(
                "signature by untrusted key {} (not among the trusted keys {})",
                untrusted.join(", "),
                keys.ids().map(short_id).collect::<Vec<_>>().join(", ")
            ));
        }
        Err("signature does not verify: the payload or the signature was altered".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pae_matches_the_spec_example() {
        // From the DSSE protocol document.
        assert_eq!(
            pae("http://example.com/HelloWorld", b"hello world"),
            b"DSSEv1 29 http://example.com/HelloWorld 11 hello world".to_vec()
        );
    }

    #[test]
    fn sign_open_and_reject_tampering() {
        let signer = Signer::from_key(super::super::keys::generate().expect("key"), "test".into());
        let mut keys = TrustedKeys::default();
        keys.add(signer.public_key(), "k.pub".into());
        let env = Envelope::sign(IN_TOTO_PAYLOAD_TYPE, b"{\"a\":1}", &signer);
        let (payload, id) = env.open(IN_TOTO_PAYLOAD_TYPE, &keys).expect("verifies");
        assert_eq!(payload, b"{\"a\":1}");
        assert_eq!(id, signer.key_id());

        let mut t = env.clone();
        t.payload = b64().encode(b"{\"a\":2}");
        assert!(t.open(IN_TOTO_PAYLOAD_TYPE, &keys).expect_err("tampered").contains("altered"));
        let mut t = env.clone();
        t.payload_type = "text/plain".into();
        assert!(t.open(IN_TOTO_PAYLOAD_TYPE, &keys).expect_err("type").contains("payloadType"));
        assert!(env.open(IN_TOTO_PAYLOAD_TYPE, &TrustedKeys::default()).expect_err("untrusted").contains("untrusted"));
    }
}
