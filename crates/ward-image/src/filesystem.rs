//! The image's file system as layers build it: which layer's version of each path is present
//! at the end, and which versions a later layer deleted (a whiteout, an opaque directory) or
//! replaced. Only paths are kept, never contents.

use std::collections::{BTreeMap, HashMap};

/// Paths and the layer whose version of each is present, built by applying layers in order.
#[derive(Debug, Default)]
pub struct Filesystem {
    /// Path -> index of the layer whose version is present now.
    present: BTreeMap<String, usize>,
    /// (path, layer of that version) -> the layer that deleted or replaced it.
    gone: HashMap<(String, usize), Gone>,
}

/// How a version of a file left the image's final file system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gone {
    /// A later layer deleted it (a whiteout or an opaque directory), at this layer index.
    Deleted(usize),
    /// A later layer wrote another version at the same path, at this layer index.
    Replaced(usize),
}

impl Filesystem {
    pub fn new() -> Self {
        Filesystem::default()
    }

    /// A file, link or other non-directory entry at `path` written by `layer`.
    pub fn add(&mut self, path: &str, layer: usize) {
        if let Some(old) = self.present.insert(path.to_owned(), layer)
            && old != layer
        {
            self.gone
                .insert((path.to_owned(), old), Gone::Replaced(layer));
        }
    }

    /// A whiteout in `layer`: `path` and everything below it, from lower layers, is deleted.
    pub fn whiteout(&mut self, path: &str, layer: usize) {
        if let Some(old) = self.present.get(path).copied()
            && old < layer
        {
            self.present.remove(path);
            self.gone
                .insert((path.to_owned(), old), Gone::Deleted(layer));
        }
        self.remove_below(path, layer);
    }

    /// An opaque directory in `layer`: everything below `dir` from lower layers is deleted.
    pub fn opaque(&mut self, dir: &str, layer: usize) {
        self.remove_below(dir, layer);
    }

    fn remove_below(&mut self, dir: &str, layer: usize) {
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let doomed: Vec<(String, usize)> = self
            .present
            .range(prefix.clone()..)
            .take_while(|(path, _)| path.starts_with(&prefix))
            .filter(|(_, l)| **l < layer)
            .map(|(path, l)| (path.clone(), *l))
            .collect();
        for (path, old) in doomed {
            self.present.remove(&path);
            self.gone.insert((path, old), Gone::Deleted(layer));
        }
    }

    /// The layer whose version of `path` is in the final file system.
    pub fn present_layer(&self, path: &str) -> Option<usize> {
        self.present.get(path).copied()
    }

    /// Whether `layer`'s version of `path` is the one present at the end.
    pub fn is_present(&self, path: &str, layer: usize) -> bool {
        self.present_layer(path) == Some(layer)
    }

    /// How `layer`'s version of `path` left the final file system, if it did.
    pub fn gone(&self, path: &str, layer: usize) -> Option<Gone> {
        self.gone.get(&(path.to_owned(), layer)).copied()
    }

    /// Number of paths present at the end.
    pub fn len(&self) -> usize {
        self.present.len()
    }

    pub fn is_empty(&self) -> bool {
        self.present.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whiteout_deletes_a_lower_file_and_everything_below_a_directory() {
        let mut fs = Filesystem::new();
        fs.add("etc/secret.env", 0);
        fs.add("app/a.txt", 0);
        fs.add("app/sub/b.txt", 0);
        fs.add("apple", 0);
        fs.whiteout("etc/secret.env", 1);
        fs.whiteout("app", 1);
        assert_eq!(fs.present_layer("etc/secret.env"), None);
        assert_eq!(fs.gone("etc/secret.env", 0), Some(Gone::Deleted(1)));
        assert_eq!(fs.gone("app/sub/b.txt", 0), Some(Gone::Deleted(1)));
        // A sibling sharing the prefix is not below the directory.
        assert!(fs.is_present("apple", 0));
    }

    #[test]
    fn an_opaque_directory_hides_lower_layers_only() {
        let mut fs = Filesystem::new();
        fs.add("var/lib/old.txt", 0);
        fs.add("var/lib/new.txt", 2);
        fs.opaque("var/lib", 2);
        assert_eq!(fs.gone("var/lib/old.txt", 0), Some(Gone::Deleted(2)));
        assert!(fs.is_present("var/lib/new.txt", 2));
    }

    #[test]
    fn a_later_version_replaces_an_earlier_one() {
        let mut fs = Filesystem::new();
        fs.add("var/lib/dpkg/status", 0);
        fs.add("var/lib/dpkg/status", 3);
        assert!(fs.is_present("var/lib/dpkg/status", 3));
        assert!(!fs.is_present("var/lib/dpkg/status", 0));
        assert_eq!(fs.gone("var/lib/dpkg/status", 0), Some(Gone::Replaced(3)));
        // A file re-added after its deletion is present again.
        fs.whiteout("var/lib/dpkg/status", 4);
        fs.add("var/lib/dpkg/status", 5);
        assert!(fs.is_present("var/lib/dpkg/status", 5));
    }
}
