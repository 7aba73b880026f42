//! The git source against repositories built with the `git` CLI in temporary directories.
//! Each test skips itself (with a message) where `git` is not installed.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use ward_source::{GitBlob, GitError, GitSource, HistoryRange};

fn have_git() -> bool {
    Command::new("git")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Returns from the test, saying so, where `git` is not installed.
macro_rules! require_git {
    () => {
        if !have_git() {
            eprintln!("skipping: `git` is not installed");
            return;
        }
    };
}

/// A `git` command in `dir`, isolated from the user's and the system's configuration and from
/// any repository the test itself runs in.
fn git_cmd(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args(["-c", "user.name=T", "-c", "user.email=t@e"])
        .args(["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"])
        .args(["-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_OBJECT_DIRECTORY")
        .env_remove("GIT_ALTERNATE_OBJECT_DIRECTORIES");
    cmd
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_cmd(dir, args).output().expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn git_stdin(dir: &Path, args: &[&str], input: &[u8]) -> String {
    let mut child = git_cmd(dir, args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run git");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// Commits the index with author and committer time `time` (unix seconds); returns the id.
fn commit(dir: &Path, message: &str, time: i64) -> String {
    let date = format!("{time} +0000");
    let out = git_cmd(dir, &["commit", "-q", "--allow-empty", "-m", message])
        .env("GIT_AUTHOR_DATE", &date)
        .env("GIT_COMMITTER_DATE", &date)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git commit failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    git(dir, &["rev-parse", "HEAD"])
}

fn write(dir: &Path, rel: &str, content: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

fn blob_id(dir: &Path, content: &str) -> String {
    git_stdin(dir, &["hash-object", "-w", "--stdin"], content.as_bytes())
}

fn init(dir: &Path) {
    git(dir, &["init", "-q"]);
}

fn find<'a>(blobs: &'a [GitBlob], id: &str) -> &'a GitBlob {
    blobs
        .iter()
        .find(|b| b.id == id)
        .unwrap_or_else(|| panic!("blob {id} not found in {blobs:#?}"))
}

struct Linear {
    c1: String,
    c2: String,
    c3: String,
    side: String,
}

const T1: i64 = 1_700_000_000;

/// main: c1 (add a.txt, sub/b.txt, run.sh, a symlink and a gitlink) → c2 (modify a.txt) →
/// c3 (rename sub/b.txt to moved/b.txt, unchanged); side (from c3): add side.txt.
fn linear_repo(dir: &Path) -> Linear {
    init(dir);
    write(dir, "a.txt", "alpha v1\n");
    write(dir, "sub/b.txt", "beta\n");
    write(dir, "run.sh", "#!/bin/sh\necho run\n");
    git(dir, &["add", "a.txt", "sub/b.txt"]);
    git(dir, &["add", "--chmod=+x", "run.sh"]);
    let link = blob_id(dir, "a-link-target");
    git(
        dir,
        &[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("120000,{link},link"),
        ],
    );
    let gitlink = "1111111111111111111111111111111111111111";
    git(
        dir,
        &[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("160000,{gitlink},module"),
        ],
    );
    let c1 = commit(dir, "first: add files\n\nbody text", T1);
    write(dir, "a.txt", "alpha v2\n");
    git(dir, &["add", "a.txt"]);
    let c2 = commit(dir, "second", T1 + 100);
    std::fs::create_dir(dir.join("moved")).unwrap();
    git(dir, &["mv", "sub/b.txt", "moved/b.txt"]);
    let c3 = commit(dir, "third: rename", T1 + 200);
    git(dir, &["checkout", "-q", "-b", "side"]);
    write(dir, "side.txt", "side secret\n");
    git(dir, &["add", "side.txt"]);
    let side = commit(dir, "side work", T1 + 300);
    git(dir, &["checkout", "-q", "main"]);
    Linear { c1, c2, c3, side }
}

#[test]
fn history_yields_each_blob_once_attributed_to_the_commit_that_introduced_it() {
    require_git!();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let r = linear_repo(dir);
    let source = GitSource::open(dir).unwrap();
    let scan = source.history(&HistoryRange::All).unwrap();
    assert!(scan.warnings.is_empty(), "{:?}", scan.warnings);
    assert_eq!(scan.commits, 4);

    let ids: Vec<&str> = scan.blobs.iter().map(|b| b.id.as_str()).collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(
        ids.len(),
        unique.len(),
        "a blob appears twice: {:#?}",
        scan.blobs
    );
    // alpha v1, beta, run.sh (c1); alpha v2 (c2); side secret (side). No symlink, no gitlink.
    assert_eq!(scan.blobs.len(), 5, "{:#?}", scan.blobs);

    let alpha1 = find(&scan.blobs, &blob_id(dir, "alpha v1\n"));
    assert_eq!(alpha1.path, "a.txt");
    let info = alpha1.commit.as_ref().unwrap();
    assert_eq!(info.id, r.c1);
    assert_eq!(info.author_name, "T");
    assert_eq!(info.author_email, "t@e");
    assert_eq!(info.time, T1);
    assert_eq!(info.summary, "first: add files");

    // Renamed unchanged: attributed to the commit that added it, with its original path.
    let beta = find(&scan.blobs, &blob_id(dir, "beta\n"));
    assert_eq!(beta.path, "sub/b.txt");
    assert_eq!(beta.commit.as_ref().unwrap().id, r.c1);

    let run = find(&scan.blobs, &blob_id(dir, "#!/bin/sh\necho run\n"));
    assert_eq!(run.path, "run.sh");

    let alpha2 = find(&scan.blobs, &blob_id(dir, "alpha v2\n"));
    assert_eq!(alpha2.commit.as_ref().unwrap().id, r.c2);
    assert_eq!(alpha2.commit.as_ref().unwrap().summary, "second");
    assert_eq!(alpha2.commit.as_ref().unwrap().time, T1 + 100);

    let side = find(&scan.blobs, &blob_id(dir, "side secret\n"));
    assert_eq!(side.path, "side.txt");
    assert_eq!(side.commit.as_ref().unwrap().id, r.side);

    // Oldest first.
    let order: Vec<&str> = scan
        .blobs
        .iter()
        .map(|b| b.commit.as_ref().unwrap().id.as_str())
        .collect();
    let mut sorted = order.clone();
    let rank = |id: &str| [&r.c1, &r.c2, &r.c3, &r.side].iter().position(|c| *c == id);
    sorted.sort_by_key(|id| rank(id));
    assert_eq!(order, sorted);

    // The bytes are the blob's.
    assert_eq!(source.read_blob(&side.id).unwrap(), b"side secret\n");
    assert_eq!(
        source.workdir().unwrap().canonicalize().unwrap(),
        dir.canonicalize().unwrap()
    );
}

#[test]
fn range_and_since_limit_the_commits() {
    require_git!();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let r = linear_repo(dir);
    let source = GitSource::open(dir).unwrap();

    let scan = source
        .history(&HistoryRange::Range(format!("{}..{}", r.c1, r.c3)))
        .unwrap();
    assert_eq!(scan.commits, 2);
    // Only what is new relative to c1: the rename in c3 brings nothing new.
    let ids: Vec<&str> = scan.blobs.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, [blob_id(dir, "alpha v2\n")]);
    assert_eq!(scan.blobs[0].commit.as_ref().unwrap().id, r.c2);

    // An empty side is HEAD (main, at c3).
    let scan = source
        .history(&HistoryRange::Range(format!("{}..", r.c2)))
        .unwrap();
    assert_eq!(scan.commits, 1);
    assert!(scan.blobs.is_empty(), "{:#?}", scan.blobs);

    let scan = source
        .history(&HistoryRange::Range("main..side".into()))
        .unwrap();
    assert_eq!(scan.commits, 1);
    assert_eq!(scan.blobs.len(), 1);
    assert_eq!(scan.blobs[0].id, blob_id(dir, "side secret\n"));

    // Since: from all refs, not from c2 — c3 and side.
    let scan = source.history(&HistoryRange::Since(r.c2.clone())).unwrap();
    assert_eq!(scan.commits, 2);
    let ids: Vec<&str> = scan.blobs.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, [blob_id(dir, "side secret\n")]);

    let scan = source.history(&HistoryRange::Since("side".into())).unwrap();
    assert_eq!(scan.commits, 0);
    assert!(scan.blobs.is_empty());

    let err = source
        .history(&HistoryRange::Range("main".into()))
        .unwrap_err();
    assert!(matches!(err, GitError::InvalidRange { .. }), "{err}");
}

#[test]
fn after_reads_what_is_new_since_an_earlier_walk_and_notices_rewritten_history() {
    require_git!();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let r = linear_repo(dir);
    let source = GitSource::open(dir).unwrap();
    let walk = source
        .history_each(&HistoryRange::All, &mut |_| {})
        .unwrap();
    assert_eq!(walk.commits, 4);
    let mut expected = vec![r.c3.clone(), r.side.clone()];
    expected.sort();
    assert_eq!(walk.tips, expected);

    // Nothing new.
    let scan = source
        .history(&HistoryRange::After(walk.tips.clone()))
        .unwrap();
    assert_eq!(scan.commits, 0);
    assert!(scan.blobs.is_empty());

    // The side branch merged into main and deleted: its tip is still in history (behind the
    // merge), and only the merge and the commit after it are new.
    git(dir, &["merge", "-q", "--no-ff", "-m", "merge side", "side"]);
    git(dir, &["branch", "-q", "-D", "side"]);
    write(dir, "later.txt", "later\n");
    git(dir, &["add", "later.txt"]);
    commit(dir, "later", T1 + 500);
    let source = GitSource::open(dir).unwrap();
    let scan = source
        .history(&HistoryRange::After(walk.tips.clone()))
        .unwrap();
    assert_eq!(scan.commits, 2);
    let ids: Vec<&str> = scan.blobs.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, [blob_id(dir, "later\n")]);

    // A scanned tip that history no longer reaches (main reset behind it), or one that is not
    // in the repository at all: the earlier walk no longer describes history.
    git(dir, &["reset", "-q", "--hard", &r.c2]);
    let source = GitSource::open(dir).unwrap();
    let err = source
        .history(&HistoryRange::After(walk.tips.clone()))
        .unwrap_err();
    assert!(matches!(err, GitError::HistoryRewritten { .. }), "{err}");
    let err = source
        .history(&HistoryRange::After(vec!["2".repeat(40)]))
        .unwrap_err();
    assert!(matches!(err, GitError::HistoryRewritten { .. }), "{err}");
}

#[test]
fn staged_yields_the_index_entries_that_differ_from_head() {
    require_git!();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    init(dir);
    write(dir, "a.txt", "one\n");
    write(dir, "b.txt", "two\n");
    write(dir, "c.txt", "three\n");
    write(dir, "d/copy.txt", "one\n");
    git(dir, &["add", "."]);
    commit(dir, "base", T1);

    write(dir, "new.txt", "new secret\n");
    write(dir, "a.txt", "one staged\n");
    git(dir, &["add", "new.txt", "a.txt"]);
    write(dir, "a.txt", "one in the working tree only\n");
    write(dir, "b.txt", "two unstaged\n");
    git(dir, &["rm", "-q", "c.txt"]);
    // Intent to add: no content staged yet.
    write(dir, "later.txt", "later\n");
    git(dir, &["add", "-N", "later.txt"]);

    let source = GitSource::open(dir).unwrap();
    let mut staged = source.staged().unwrap();
    staged.sort_by(|a, b| a.path.cmp(&b.path));
    let paths: Vec<&str> = staged.iter().map(|b| b.path.as_str()).collect();
    assert_eq!(paths, ["a.txt", "new.txt"]);
    assert!(staged.iter().all(|b| b.commit.is_none()));
    assert_eq!(source.read_blob(&staged[0].id).unwrap(), b"one staged\n");
    assert_eq!(source.read_blob(&staged[1].id).unwrap(), b"new secret\n");
}

#[test]
fn a_repository_without_commits() {
    require_git!();
    // Nothing staged.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    init(dir);
    let source = GitSource::open(dir).unwrap();
    assert!(source.staged().unwrap().is_empty());
    let scan = source.history(&HistoryRange::All).unwrap();
    assert_eq!(scan.commits, 0);
    assert!(scan.blobs.is_empty());
    let err = source
        .history(&HistoryRange::Since("HEAD".into()))
        .unwrap_err();
    assert!(err.to_string().contains("`HEAD`"), "{err}");

    // Staged files: all of them are staged.
    write(dir, "x.txt", "x\n");
    write(dir, "dir/y.txt", "y\n");
    git(dir, &["add", "."]);
    let mut staged = source.staged().unwrap();
    staged.sort_by(|a, b| a.path.cmp(&b.path));
    let paths: Vec<&str> = staged.iter().map(|b| b.path.as_str()).collect();
    assert_eq!(paths, ["dir/y.txt", "x.txt"]);
    assert_eq!(source.read_blob(&staged[1].id).unwrap(), b"x\n");
    assert!(source.history(&HistoryRange::All).unwrap().blobs.is_empty());
}

#[test]
fn a_shallow_clone_stops_at_the_boundary_with_a_warning() {
    require_git!();
    let tmp = tempfile::tempdir().unwrap();
    let origin = tmp.path().join("origin");
    std::fs::create_dir(&origin).unwrap();
    let r = linear_repo(&origin);
    let url = format!("file://{}", origin.display());
    git(tmp.path(), &["clone", "-q", "--depth", "1", &url, "clone"]);
    let clone = tmp.path().join("clone");

    let source = GitSource::open(&clone).unwrap();
    let scan = source.history(&HistoryRange::All).unwrap();
    assert_eq!(scan.commits, 1);
    assert!(
        scan.warnings
            .iter()
            .any(|w| w.contains("shallow") && w.contains(&r.c3)),
        "{:?}",
        scan.warnings
    );
    // The boundary commit's snapshot is all there is: attributed to it.
    let paths: HashSet<&str> = scan.blobs.iter().map(|b| b.path.as_str()).collect();
    assert_eq!(paths, HashSet::from(["a.txt", "moved/b.txt", "run.sh"]));
    assert!(
        scan.blobs
            .iter()
            .all(|b| b.commit.as_ref().unwrap().id == r.c3)
    );
    let unknown = source
        .history(&HistoryRange::Since(r.c1.clone()))
        .unwrap_err();
    assert!(unknown.to_string().contains(&r.c1), "{unknown}");
}

#[test]
fn errors_name_the_path_and_the_revision() {
    require_git!();
    let tmp = tempfile::tempdir().unwrap();
    let plain = tmp.path().join("plain");
    std::fs::create_dir(&plain).unwrap();
    let err = GitSource::open(&plain).unwrap_err();
    assert!(matches!(err, GitError::NotARepository { .. }), "{err}");
    assert!(err.to_string().contains("not a git repository"), "{err}");
    assert!(
        err.to_string().contains(&plain.display().to_string()),
        "{err}"
    );

    let nowhere = tmp.path().join("nonexistent");
    let err = GitSource::open(&nowhere).unwrap_err();
    assert!(
        err.to_string().contains(&nowhere.display().to_string()),
        "{err}"
    );

    let repo = tmp.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    linear_repo(&repo);
    // Discovery walks up from a subdirectory.
    let source = GitSource::open(&repo.join("moved")).unwrap();
    assert_eq!(
        source.workdir().unwrap().canonicalize().unwrap(),
        repo.canonicalize().unwrap()
    );

    let err = source
        .history(&HistoryRange::Since("no-such-rev".into()))
        .unwrap_err();
    assert!(matches!(err, GitError::UnknownRevision { .. }), "{err}");
    assert_eq!(err.to_string(), "unknown revision `no-such-rev`");
    let err = source
        .history(&HistoryRange::Range("nope..main".into()))
        .unwrap_err();
    assert_eq!(err.to_string(), "unknown revision `nope`");
    let err = source
        .history(&HistoryRange::Range("main..nope2".into()))
        .unwrap_err();
    assert_eq!(err.to_string(), "unknown revision `nope2`");

    let missing = "0123456789012345678901234567890123456789";
    let err = source.read_blob(missing).unwrap_err();
    assert!(matches!(err, GitError::MissingObject { .. }), "{err}");
    assert!(err.to_string().contains(missing), "{err}");
    let err = source.read_blob("not hex").unwrap_err();
    assert!(matches!(err, GitError::InvalidId { .. }), "{err}");
    let head = git(&repo, &["rev-parse", "HEAD"]);
    let err = source.read_blob(&head).unwrap_err();
    assert!(matches!(err, GitError::NotABlob { .. }), "{err}");
}

#[test]
fn a_missing_object_is_a_warning_and_the_rest_is_scanned() {
    require_git!();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let r = linear_repo(dir);
    // The objects are loose: delete c2's root tree.
    let tree = git(dir, &["rev-parse", &format!("{}^{{tree}}", r.c2)]);
    let object = dir.join(".git/objects").join(&tree[..2]).join(&tree[2..]);
    std::fs::remove_file(object).unwrap();

    let source = GitSource::open(dir).unwrap();
    let scan = source.history(&HistoryRange::All).unwrap();
    assert_eq!(scan.commits, 4);
    assert!(
        scan.warnings
            .iter()
            .any(|w| w.contains(&tree) && w.contains(&r.c2)),
        "{:?}",
        scan.warnings
    );
    // alpha v2 is found again in c3's tree.
    let alpha2 = find(&scan.blobs, &blob_id(dir, "alpha v2\n"));
    assert_eq!(alpha2.commit.as_ref().unwrap().id, r.c3);
}

#[test]
fn read_blob_from_many_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    require_git!();
    assert_send_sync::<GitSource>();

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    linear_repo(dir);
    let source = GitSource::open(dir).unwrap();
    let scan = source.history(&HistoryRange::All).unwrap();
    let expected: Vec<Vec<u8>> = scan
        .blobs
        .iter()
        .map(|b| source.read_blob(&b.id).unwrap())
        .collect();
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..50 {
                    for (blob, bytes) in scan.blobs.iter().zip(&expected) {
                        assert_eq!(&source.read_blob(&blob.id).unwrap(), bytes);
                    }
                }
            });
        }
    });
}

/// A fast-import stream of `commits` commits on `main`: commit i writes a new unique file
/// `dir{i%10}/file{i%37}.txt`, every 10th commit also writes `shared.txt` with one of 3
/// contents, and every 100th deletes a file.
fn fast_import_stream(commits: usize) -> String {
    let mut s = String::new();
    for i in 0..commits {
        let time = T1 + i64::try_from(i).unwrap();
        writeln!(s, "commit refs/heads/main").unwrap();
        writeln!(s, "mark :{}", i + 1).unwrap();
        writeln!(s, "author A{} <a{}@e> {time} +0000", i % 7, i % 7).unwrap();
        writeln!(s, "committer C <c@e> {time} +0000").unwrap();
        let message = format!("commit {i}\n");
        write!(s, "data {}\n{message}", message.len()).unwrap();
        if i > 0 {
            writeln!(s, "from :{i}").unwrap();
        }
        let content = format!("unique content of commit {i}\ntoken_{i:08}\n");
        writeln!(s, "M 100644 inline dir{}/file{}.txt", i % 10, i % 37).unwrap();
        write!(s, "data {}\n{content}", content.len()).unwrap();
        if i % 10 == 0 {
            let shared = format!("shared {}\n", i % 3);
            writeln!(s, "M 100644 inline shared.txt").unwrap();
            write!(s, "data {}\n{shared}", shared.len()).unwrap();
        }
        if i % 100 == 99 {
            writeln!(s, "D dir{}/file{}.txt", (i + 5) % 10, (i + 5) % 37).unwrap();
        }
        s.push('\n');
    }
    s
}

#[test]
fn a_long_history_is_walked_once_per_unique_blob() {
    const COMMITS: usize = 2_000;
    require_git!();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    init(dir);
    let started = Instant::now();
    git_stdin(
        dir,
        &["fast-import", "--quiet"],
        fast_import_stream(COMMITS).as_bytes(),
    );
    git(dir, &["symbolic-ref", "HEAD", "refs/heads/main"]);
    eprintln!(
        "built {COMMITS} commits with fast-import in {:?}",
        started.elapsed()
    );

    let started = Instant::now();
    let source = GitSource::open(dir).unwrap();
    let scan = source.history(&HistoryRange::All).unwrap();
    let elapsed = started.elapsed();
    eprintln!(
        "history: {} commits, {} blobs in {elapsed:?}",
        scan.commits,
        scan.blobs.len()
    );
    assert!(scan.warnings.is_empty(), "{:?}", scan.warnings);
    assert_eq!(scan.commits, COMMITS);
    // One unique file per commit, plus the 3 contents of shared.txt.
    assert_eq!(scan.blobs.len(), COMMITS + 3);
    let unique: HashSet<&str> = scan.blobs.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(unique.len(), scan.blobs.len());
    // Oldest first: commit i's file comes before commit i+1's.
    let first = scan.blobs[0].commit.as_ref().unwrap();
    assert_eq!(first.summary, "commit 0");
    assert_eq!(first.time, T1);
    let last = scan.blobs.last().unwrap().commit.as_ref().unwrap();
    assert_eq!(last.summary, format!("commit {}", COMMITS - 1));
    assert_eq!(last.author_name, format!("A{}", (COMMITS - 1) % 7));

    let started = Instant::now();
    let mut bytes = 0;
    for blob in &scan.blobs {
        bytes += source.read_blob(&blob.id).unwrap().len();
    }
    eprintln!(
        "read_blob: {} blobs ({bytes} bytes) in {:?}",
        scan.blobs.len(),
        started.elapsed()
    );
}
