use sha1::{Digest, Sha1};

fn fingerprints(data: &[u8]) -> (md5::Digest, Vec<u8>, Vec<u8>) {
    // ruleid: weak-hash
    let a = md5::compute(data);
    // ruleid: weak-hash
    let mut hasher = Sha1::new();
    hasher.update(data);
    // ruleid: weak-hash
    let c = md5::Md5::digest(data).to_vec();
    // ok: weak-hash
    let d = sha2::Sha256::digest(data).to_vec();
    (a, hasher.finalize().to_vec().into_iter().chain(c).collect(), d)
}
