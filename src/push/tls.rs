//! TLS with the system's trust store (SPEC §10), for both clients.
//!
//! rustls with the `ring` provider, and the roots `rustls-native-certs`
//! finds: the OS store (Debian's `/etc/ssl/certs`), or the files named by
//! `SSL_CERT_FILE` / `SSL_CERT_DIR` when set, as OpenSSL-based tools do. The
//! store is read once per process, and only when a TLS connection is made.

use std::sync::{Arc, OnceLock};

use rustls::pki_types::CertificateDer;

use crate::push::Error;

static ROOTS: OnceLock<Result<Arc<Vec<CertificateDer<'static>>>, String>> = OnceLock::new();

/// The system's root certificates (DER), read once.
pub fn system_roots() -> Result<Arc<Vec<CertificateDer<'static>>>, Error> {
    ROOTS
        .get_or_init(|| {
            let found = rustls_native_certs::load_native_certs();
            if found.certs.is_empty() {
                let why = found
                    .errors
                    .first()
                    .map(|e| format!(": {e}"))
                    .unwrap_or_default();
                Err(format!(
                    "no trusted root certificates found in the system store{why} \
                     (install Debian's ca-certificates, or point SSL_CERT_FILE at a PEM bundle)"
                ))
            } else {
                Ok(Arc::new(found.certs))
            }
        })
        .clone()
        .map_err(|reason| Error::Tls {
            host: "(local trust store)".into(),
            reason,
        })
}

/// The crypto provider both clients use.
pub fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The certificates in a PEM file's bytes (DER each), for
/// `extra_roots`: a self-hosted server's own CA, trusted besides the
/// system's roots.
pub fn pem_certificates(pem: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    use rustls::pki_types::pem::PemObject as _;
    let certs: Vec<Vec<u8>> = CertificateDer::pem_slice_iter(pem)
        .map(|c| c.map(|c| c.as_ref().to_vec()))
        .collect::<Result<_, _>>()
        .map_err(|e| format!("not a PEM certificate file: {e}"))?;
    if certs.is_empty() {
        return Err("no certificate (-----BEGIN CERTIFICATE-----) in the file".into());
    }
    Ok(certs)
}

/// The system's roots plus `extra` (DER), for ureq and rustls alike.
pub fn roots_with(extra: &[Vec<u8>]) -> Result<Vec<CertificateDer<'static>>, Error> {
    let mut all: Vec<CertificateDer<'static>> = system_roots()?.as_ref().clone();
    all.extend(extra.iter().map(|d| CertificateDer::from(d.clone())));
    Ok(all)
}

/// A rustls client configuration trusting the system's roots and `extra`.
pub fn client_config(extra: &[Vec<u8>]) -> Result<Arc<rustls::ClientConfig>, Error> {
    let mut store = rustls::RootCertStore::empty();
    // Certificates the parser cannot use are skipped, as OpenSSL does; the
    // store is refused only when nothing usable is left.
    let (_added, _ignored) = store.add_parsable_certificates(roots_with(extra)?);
    let config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Tls {
            host: "(local TLS setup)".into(),
            reason: e.to_string(),
        })?
        .with_root_certificates(store)
        .with_no_client_auth();
    Ok(Arc::new(config))
}
