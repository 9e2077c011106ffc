#!/usr/bin/env python3
"""Audit a TaskLedger log from the outside: signed checkpoints, inclusion and consistency proofs, whole exports.

Written from events.md (section 9) and RFC 9162 (section 2.1) alone; it shares no code with the ledger, so a bug there is
not repeated here. Needs Python 3.9+ and, to check signatures, the PyPI package `cryptography` (Ed25519 only).

    audit.py checkpoint CP.json --public-key KEY
    audit.py inclusion --line EVENT_LINE_OR_FILE --seq N --proof PROOF.json --checkpoint CP.json [--public-key KEY]
    audit.py consistency --old OLD_CP.json --new NEW_CP.json --proof PROOF.json [--public-key KEY]
    audit.py root EXPORT.ndjson [--checkpoint CP.json] [--public-key KEY]

KEY is the raw 32-byte Ed25519 public key as 64 hex digits, or a file that holds them. Prints `ok: ...` and exits 0
when everything holds; otherwise prints the reason on stderr and exits 1.
"""

import argparse
import hashlib
import json
import os
import sys

FORMAT_LINE = "taskledger-checkpoint/v1"
EMPTY_ROOT = hashlib.sha256(b"").digest()


class AuditFailure(Exception):
    """Something does not hold; the message says what."""


# --- RFC 9162 section 2.1 -------------------------------------------------------------------------------------------


def leaf_hash(event_hash):
    return hashlib.sha256(b"\x00" + event_hash).digest()


def node_hash(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def verify_inclusion(leaf, leaf_index, tree_size, path, root):
    """RFC 9162 2.1.3.2, step by step."""
    if leaf_index >= tree_size:
        return False
    fn, sn, r = leaf_index, tree_size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(first, second, first_hash, second_hash, path):
    """RFC 9162 2.1.4.2 for 0 < first < second; events.md (section 9) adds first == 0 and first == second."""
    if first > second:
        return False
    if first == 0:
        return len(path) == 0 and first_hash == EMPTY_ROOT
    if first == second:
        return len(path) == 0 and first_hash == second_hash
    if not path:
        return False
    path = list(path)
    if first & (first - 1) == 0:
        path.insert(0, first_hash)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_hash and sr == second_hash and sn == 0


class RootBuilder:
    """MTH of a stream of leaves in O(log n) memory: perfect subtrees are merged as they complete, and the root is
    the remaining ones folded from the right, which is RFC 9162's split at the largest power of two."""

    def __init__(self):
        self.size = 0
        self.stack = []  # (level, hash), levels strictly decreasing

    def append(self, event_hash):
        level, h = 0, leaf_hash(event_hash)
        while self.stack and self.stack[-1][0] == level:
            _, left = self.stack.pop()
            level, h = level + 1, node_hash(left, h)
        self.stack.append((level, h))
        self.size += 1

    def root(self):
        if not self.stack:
            return EMPTY_ROOT
        r = self.stack[-1][1]
        for _, h in reversed(self.stack[:-1]):
            r = node_hash(h, r)
        return r


# --- documents ------------------------------------------------------------------------------------------------------


def _refuse_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise AuditFailure(f'duplicate key "{key}"')
        obj[key] = value
    return obj


def parse_json(text, what):
    try:
        value = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except AuditFailure as failure:
        raise AuditFailure(f"{what}: {failure}") from None
    except ValueError as error:
        raise AuditFailure(f"{what}: not well-formed JSON ({error})") from None
    if not isinstance(value, dict):
        raise AuditFailure(f"{what}: must be a JSON object")
    return value


def read_text(path, what):
    try:
        with open(path, "r", encoding="utf-8") as f:
            return f.read()
    except OSError as error:
        raise AuditFailure(f"{what}: cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise AuditFailure(f"{what}: {path} is not UTF-8") from None


def field(obj, name, kind, what):
    if name not in obj:
        raise AuditFailure(f'{what}: the field "{name}" is missing')
    value = obj[name]
    if kind is int:
        if type(value) is not int or value < 0:
            raise AuditFailure(f'{what}: "{name}" must be a non-negative integer')
    elif not isinstance(value, kind):
        raise AuditFailure(f'{what}: "{name}" must be a {kind.__name__}')
    return value


def hex_bytes(text, length, name, what):
    if not isinstance(text, str) or len(text) != 2 * length:
        raise AuditFailure(f'{what}: "{name}" must be {2 * length} hex digits')
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise AuditFailure(f'{what}: "{name}" must be {2 * length} hex digits') from None


def is_lower_hex(text):
    return all(c in "0123456789abcdef" for c in text)


def load_checkpoint(path):
    what = f"checkpoint {path}"
    obj = parse_json(read_text(path, what), what)
    cp = {
        "treeSize": field(obj, "treeSize", int, what),
        "rootHash": hex_bytes(field(obj, "rootHash", str, what), 32, "rootHash", what),
        "lastRecordedAt": field(obj, "lastRecordedAt", str, what),
        "keyId": field(obj, "keyId", str, what),
        "signature": hex_bytes(field(obj, "signature", str, what), 64, "signature", what),
        "path": path,
    }
    if len(cp["keyId"]) != 16 or not is_lower_hex(cp["keyId"]):
        raise AuditFailure(f"{what}: keyId must be 16 lowercase hex digits")
    recorded = cp["lastRecordedAt"]
    if cp["treeSize"] == 0:
        if recorded != "" or cp["rootHash"] != EMPTY_ROOT:
            raise AuditFailure(f'{what}: an empty tree has lastRecordedAt "" and the root SHA-256("")')
    elif not (1 <= len(recorded) <= 64 and all(0x21 <= ord(c) <= 0x7E for c in recorded)):
        raise AuditFailure(f"{what}: lastRecordedAt must be 1 to 64 printable ASCII characters without spaces")
    return cp


def signed_bytes(cp):
    text = f"{FORMAT_LINE}\n{cp['treeSize']}\n{cp['rootHash'].hex()}\n{cp['lastRecordedAt']}\n{cp['keyId']}\n"
    return text.encode("ascii")


def load_public_key(argument):
    text = argument.strip()
    if not (len(text) == 64 and all(c in "0123456789abcdefABCDEF" for c in text)):
        if not os.path.exists(argument):
            raise AuditFailure(f"--public-key: {argument} is neither 64 hex digits nor a file")
        text = read_text(argument, "public key").strip()
    raw = hex_bytes(text, 32, "public key", "--public-key")
    return raw


def key_id(raw_public_key):
    return hashlib.sha256(raw_public_key).hexdigest()[:16]


def check_signature(cp, raw_public_key):
    try:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError:
        raise AuditFailure("checking a signature needs the Python package `cryptography` (pip install cryptography)") from None
    if cp["keyId"] != key_id(raw_public_key):
        raise AuditFailure(
            f"checkpoint {cp['path']} names key {cp['keyId']}, but the public key given is {key_id(raw_public_key)}"
        )
    try:
        Ed25519PublicKey.from_public_bytes(raw_public_key).verify(cp["signature"], signed_bytes(cp))
    except InvalidSignature:
        raise AuditFailure(f"checkpoint {cp['path']}: the signature does not match its contents") from None


def proof_hashes(obj, what):
    hashes = field(obj, "proof", list, what)
    return [hex_bytes(h, 32, f"proof[{i}]", what) for i, h in enumerate(hashes)]


def signature_note(args, checkpoints):
    if args.public_key is None:
        return " (signatures not checked: pass --public-key)"
    raw = load_public_key(args.public_key)
    for cp in checkpoints:
        check_signature(cp, raw)
    return ", signatures valid"


# --- subcommands ----------------------------------------------------------------------------------------------------


def command_checkpoint(args):
    cp = load_checkpoint(args.checkpoint)
    check_signature(cp, load_public_key(args.public_key))
    return f"checkpoint signed by key {cp['keyId']}: tree size {cp['treeSize']}, root {cp['rootHash'].hex()}"


def event_line(argument, seq):
    text = argument
    if not argument.lstrip().startswith("{"):
        text = read_text(argument, "--line")
    lines = [line for line in text.splitlines() if line.strip()]
    events = [parse_json(line, f"event line {n + 1}") for n, line in enumerate(lines)]
    if len(events) == 1:
        event = events[0]
    else:
        matching = [e for e in events if e.get("seq") == seq]
        if len(matching) != 1:
            raise AuditFailure(f"--line: expected one event with seq {seq}, found {len(matching)}")
        event = matching[0]
    if "seq" in event and event["seq"] != seq:
        raise AuditFailure(f"the event line has seq {event['seq']}, not {seq}")
    return hex_bytes(field(event, "hash", str, "event line"), 32, "hash", "event line")


def command_inclusion(args):
    if args.seq < 1:
        raise AuditFailure("--seq starts at 1")
    leaf_index = args.seq - 1
    event_hash = event_line(args.line, args.seq)
    what = f"inclusion proof {args.proof}"
    proof = parse_json(read_text(args.proof, what), what)
    if "leafIndex" not in proof and "seq" not in proof:
        raise AuditFailure(f'{what}: give "seq" or "leafIndex"')
    if "leafIndex" in proof and field(proof, "leafIndex", int, what) != leaf_index:
        raise AuditFailure(f"{what}: leafIndex {proof['leafIndex']} is not seq {args.seq} - 1")
    if "seq" in proof and field(proof, "seq", int, what) != args.seq:
        raise AuditFailure(f"{what}: it is for seq {proof['seq']}, not {args.seq}")
    tree_size = field(proof, "treeSize", int, what)
    path = proof_hashes(proof, what)
    cp = load_checkpoint(args.checkpoint)
    if tree_size != cp["treeSize"]:
        raise AuditFailure(f"{what}: it is for tree size {tree_size}, the checkpoint for {cp['treeSize']}")
    note = signature_note(args, [cp])
    if not verify_inclusion(leaf_hash(event_hash), leaf_index, tree_size, path, cp["rootHash"]):
        raise AuditFailure(f"event seq {args.seq} is NOT proven in the tree of size {tree_size}: the proof does not lead to the checkpoint's root")
    return f"event seq {args.seq} (hash {event_hash.hex()}) is in the tree of size {tree_size}, root {cp['rootHash'].hex()}{note}"


def command_consistency(args):
    old, new = load_checkpoint(args.old), load_checkpoint(args.new)
    what = f"consistency proof {args.proof}"
    proof = parse_json(read_text(args.proof, what), what)
    old_size = field(proof, "oldTreeSize", int, what)
    new_size = field(proof, "newTreeSize", int, what)
    path = proof_hashes(proof, what)
    if (old_size, new_size) != (old["treeSize"], new["treeSize"]):
        raise AuditFailure(
            f"{what}: it joins sizes {old_size} and {new_size}, the checkpoints have {old['treeSize']} and {new['treeSize']}"
        )
    note = signature_note(args, [old, new])
    if not verify_consistency(old_size, new_size, old["rootHash"], new["rootHash"], path):
        raise AuditFailure(f"the tree of size {new_size} is NOT proven to extend the tree of size {old_size}")
    return f"the tree of size {new_size} (root {new['rootHash'].hex()}) extends the tree of size {old_size} (root {old['rootHash'].hex()}){note}"


def command_root(args):
    cp = load_checkpoint(args.checkpoint) if args.checkpoint else None
    note = signature_note(args, [cp]) if cp else ""
    builder = RootBuilder()
    prefix_root, prefix_recorded_at = (EMPTY_ROOT, "") if cp and cp["treeSize"] == 0 else (None, None)
    previous = "0" * 64
    try:
        stream = open(args.export, "r", encoding="utf-8")
    except OSError as error:
        raise AuditFailure(f"export: cannot read {args.export}: {error.strerror}") from None
    with stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            what = f"export line {number}"
            event = parse_json(line, what)
            seq = field(event, "seq", int, what)
            if seq != builder.size + 1:
                raise AuditFailure(f"{what}: seq {seq}, expected {builder.size + 1} (the log has no gaps)")
            digest = field(event, "hash", str, what)
            if "prev" in event and event["prev"] != previous:
                raise AuditFailure(f"{what}: prev is not the hash of event seq {seq - 1}; the chain is broken")
            builder.append(hex_bytes(digest, 32, "hash", what))
            previous = digest
            if cp and builder.size == cp["treeSize"]:
                prefix_root = builder.root()
                prefix_recorded_at = event.get("recordedAt")
    root = builder.root()
    summary = f"{builder.size} events, root {root.hex()}"
    if cp is None:
        return summary
    if prefix_root is None:
        raise AuditFailure(f"the export has {builder.size} events, fewer than the checkpoint's {cp['treeSize']}")
    if prefix_root != cp["rootHash"]:
        raise AuditFailure(
            f"the first {cp['treeSize']} events have root {prefix_root.hex()}, the checkpoint says {cp['rootHash'].hex()}"
        )
    if prefix_recorded_at != cp["lastRecordedAt"]:
        raise AuditFailure(f"event seq {cp['treeSize']} was recorded at {prefix_recorded_at}, the checkpoint says {cp['lastRecordedAt']}")
    return f"{summary}; the first {cp['treeSize']} match the checkpoint{note}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    checkpoint = commands.add_parser("checkpoint", help="check a checkpoint's signature")
    checkpoint.add_argument("checkpoint", metavar="CP.json")
    checkpoint.add_argument("--public-key", required=True, metavar="KEY")
    checkpoint.set_defaults(run=command_checkpoint)

    inclusion = commands.add_parser("inclusion", help="check that an event is in a checkpoint's tree")
    inclusion.add_argument("--line", required=True, metavar="EVENT_LINE_OR_FILE")
    inclusion.add_argument("--seq", required=True, type=int, metavar="N")
    inclusion.add_argument("--proof", required=True, metavar="PROOF.json")
    inclusion.add_argument("--checkpoint", required=True, metavar="CP.json")
    inclusion.add_argument("--public-key", metavar="KEY")
    inclusion.set_defaults(run=command_inclusion)

    consistency = commands.add_parser("consistency", help="check that a newer checkpoint's tree extends an older one's")
    consistency.add_argument("--old", required=True, metavar="OLD_CP.json")
    consistency.add_argument("--new", required=True, metavar="NEW_CP.json")
    consistency.add_argument("--proof", required=True, metavar="PROOF.json")
    consistency.add_argument("--public-key", metavar="KEY")
    consistency.set_defaults(run=command_consistency)

    root = commands.add_parser("root", help="recompute the root of a whole export")
    root.add_argument("export", metavar="EXPORT.ndjson")
    root.add_argument("--checkpoint", metavar="CP.json")
    root.add_argument("--public-key", metavar="KEY")
    root.set_defaults(run=command_root)

    args = parser.parse_args(argv)
    try:
        print("ok: " + args.run(args))
        return 0
    except AuditFailure as failure:
        print(f"audit failed: {failure}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
