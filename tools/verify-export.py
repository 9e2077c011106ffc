#!/usr/bin/env python3
"""Verify a TaskLedger export (NDJSON) without TaskLedger: an auditor's proof that the hash chain holds.

Usage:
    verify-export.py EXPORT.ndjson [--quiet]
    verify-export.py EXPORT.ndjson --from-seq N --prev HASH [--quiet]

It uses nothing but the Python standard library and the published description of the log:

* Each line of the export is one event envelope, written as its RFC 8785 canonical JSON bytes
  (JSON Canonicalization Scheme), followed by a single "\\n".
* An envelope is a JSON object with the members seq, stream, version, type, schema, recordedAt, actor,
  optional commandId, payload, prev and hash.
* hash = lowercase hex SHA-256 of the canonical bytes of the envelope with its "hash" member removed.
* prev = the hash of the event before it (seq - 1); 64 zeros for seq 1.
* seq starts at 1 and rises by exactly 1; each stream's version runs 1, 2, 3, ...

A partial export (starting after seq 1) is checked with --from-seq N (its first seq) and --prev HASH
(the hash of event N - 1, taken from a trusted source, such as a signed checkpoint).

On success it prints "ok: N events, last seq S, last hash H" and exits 0. On the first fault it prints
"line N (seq S): what is wrong" to stderr and exits 1.
"""

import argparse
import hashlib
import json
import re
import sys

GENESIS_PREV = "0" * 64
HEX64 = re.compile(r"[0-9a-f]{64}")
RECORDED_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")
ENVELOPE_MEMBERS = {"seq", "stream", "version", "type", "schema", "recordedAt", "actor", "commandId", "payload", "prev", "hash"}
REQUIRED_MEMBERS = ENVELOPE_MEMBERS - {"commandId"}
ACTOR_MEMBERS = {"role", "unitId", "tokenId"}


class Fault(Exception):
    """What is wrong with one line; main() adds the line number and seq."""


# ---------------------------------------------------------------------------------------------------
# Strict parsing: the JSON of the log is RFC 8259 with no duplicate keys and no NaN/Infinity.
# ---------------------------------------------------------------------------------------------------

def refuse_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise Fault(f'duplicate member "{key}"')
        result[key] = value
    return result


def refuse_constant(name):
    raise Fault(f"{name} is not a JSON number")


def parse_line(raw):
    try:
        text = raw.decode("utf-8")  # strict: refuses overlong forms and encoded surrogates
    except UnicodeDecodeError as error:
        raise Fault(f"not valid UTF-8 ({error.reason} at byte {error.start})")
    try:
        return json.loads(text, object_pairs_hook=refuse_duplicates, parse_constant=refuse_constant)
    except json.JSONDecodeError as error:
        raise Fault(f"not valid JSON ({error.msg} at column {error.colno})")
    except (ValueError, RecursionError) as error:  # e.g. an integer with thousands of digits
        raise Fault(f"not acceptable JSON ({error})")


# ---------------------------------------------------------------------------------------------------
# RFC 8785 canonical form.
# ---------------------------------------------------------------------------------------------------

def canonical(value):
    """The RFC 8785 canonical bytes of a parsed JSON value."""
    try:
        return serialize(value).encode("utf-8")
    except UnicodeEncodeError:
        raise Fault("a string holds a lone surrogate (an escape such as \\ud800 without its pair)")


def serialize(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        # JSON numbers are IEEE-754 doubles (RFC 8785 section 3.2.2.3); Python keeps big integers exact.
        if abs(value) < 2**53:
            return str(value)
        try:
            return format_number(float(value))
        except OverflowError:
            raise Fault("a number is too large for a double")
    if isinstance(value, float):
        return format_number(value)
    if isinstance(value, str):
        return serialize_string(value)
    if isinstance(value, list):
        return "[" + ",".join(serialize(element) for element in value) + "]"
    if isinstance(value, dict):
        # Members sorted by the UTF-16 code units of their names (section 3.2.3); big-endian UTF-16
        # bytes compare exactly like the code units.
        keys = sorted(value, key=lambda key: key.encode("utf-16-be", "surrogatepass"))
        return "{" + ",".join(serialize_string(key) + ":" + serialize(value[key]) for key in keys) + "}"
    raise Fault(f"unexpected value {value!r}")


SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def serialize_string(text):
    """Only " and \\ and the controls below U+0020 are escaped; everything else is written as is."""
    out = ['"']
    for char in text:
        if char in SHORT_ESCAPES:
            out.append(SHORT_ESCAPES[char])
        elif char < " ":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def format_number(number):
    """ECMAScript Number.prototype.toString (RFC 8785 section 3.2.2.3)."""
    if number != number or number in (float("inf"), float("-inf")):
        raise Fault("NaN and Infinity have no JSON form")
    if number == 0:
        return "0"  # also -0
    sign = "-" if number < 0 else ""
    # repr() gives the shortest digits that read back as the same double, in its own layout
    # ("1e-07", "1e+16", "0.001"); take its digits d1..dk and n with value = 0.d1..dk x 10^n.
    mantissa, _, exponent = repr(abs(number)).partition("e")
    integer_part, _, fraction_part = mantissa.partition(".")
    all_digits = integer_part + fraction_part
    significant = all_digits.lstrip("0")
    leading_zeros = len(all_digits) - len(significant)
    n = len(integer_part) + int(exponent or "0") - leading_zeros
    digits = significant.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    exponent_sign = "+" if n - 1 >= 0 else "-"
    head = digits[0] + ("." + digits[1:] if k > 1 else "")
    return sign + head + "e" + exponent_sign + str(abs(n - 1))


# ---------------------------------------------------------------------------------------------------
# The envelope and the chain.
# ---------------------------------------------------------------------------------------------------

def is_integer(value):
    return isinstance(value, int) and not isinstance(value, bool)


def check_shape(envelope):
    if not isinstance(envelope, dict):
        raise Fault("the line is not a JSON object")
    missing = sorted(REQUIRED_MEMBERS - envelope.keys())
    if missing:
        raise Fault(f"missing member(s): {', '.join(missing)}")
    unknown = sorted(envelope.keys() - ENVELOPE_MEMBERS)
    if unknown:
        raise Fault(f"unknown member(s): {', '.join(unknown)}")
    for name in ("seq", "version"):
        if not is_integer(envelope[name]) or envelope[name] < 1:
            raise Fault(f"{name} must be an integer >= 1")
    if not is_integer(envelope["schema"]):
        raise Fault("schema must be an integer")
    for name in ("stream", "type"):
        if not isinstance(envelope[name], str) or not envelope[name]:
            raise Fault(f"{name} must be a non-empty string")
    if "commandId" in envelope and not isinstance(envelope["commandId"], str):
        raise Fault("commandId must be a string")
    if not isinstance(envelope["recordedAt"], str) or not RECORDED_AT.fullmatch(envelope["recordedAt"]):
        raise Fault("recordedAt must look like YYYY-MM-DDTHH:MM:SS.sssZ")
    actor = envelope["actor"]
    if not isinstance(actor, dict) or not isinstance(actor.get("role"), str):
        raise Fault("actor must be an object with a string role")
    unknown_actor = sorted(actor.keys() - ACTOR_MEMBERS)
    if unknown_actor:
        raise Fault(f"unknown actor member(s): {', '.join(unknown_actor)}")
    if not isinstance(envelope["payload"], dict):
        raise Fault("payload must be an object")
    for name in ("prev", "hash"):
        if not isinstance(envelope[name], str) or not HEX64.fullmatch(envelope[name]):
            raise Fault(f"{name} must be 64 lowercase hex digits")


def event_hash(envelope):
    """SHA-256 over the canonical bytes of the envelope without its hash member."""
    without_hash = {key: value for key, value in envelope.items() if key != "hash"}
    return hashlib.sha256(canonical(without_hash)).hexdigest()


def verify(stream, first_seq, first_prev, quiet):
    expected_seq = first_seq
    expected_prev = first_prev
    versions = {}  # stream -> last version seen
    count = 0
    for line_number, raw in enumerate(stream, start=1):
        seq = "?"
        try:
            if not raw.endswith(b"\n"):
                raise Fault("the line does not end with a newline")
            envelope = parse_line(raw[:-1])
            if isinstance(envelope, dict) and is_integer(envelope.get("seq")):
                seq = envelope["seq"]
            check_shape(envelope)
            if raw[:-1] != canonical(envelope):
                raise Fault("the line is not the RFC 8785 canonical form of its envelope")
            if envelope["seq"] != expected_seq:
                raise Fault(f"seq should be {expected_seq}")
            if envelope["prev"] != expected_prev:
                raise Fault(f"prev should be {expected_prev} (the hash of the event before)")
            computed = event_hash(envelope)
            if envelope["hash"] != computed:
                raise Fault(f"hash should be {computed}")
            name, version = envelope["stream"], envelope["version"]
            if name in versions:
                if version != versions[name] + 1:
                    raise Fault(f"version of stream {name} should be {versions[name] + 1}")
            elif first_seq == 1 and version != 1:
                raise Fault(f"stream {name} should start at version 1")
            versions[name] = version
        except Fault as fault:
            print(f"line {line_number} (seq {seq}): {fault}", file=sys.stderr)
            return 1
        expected_seq += 1
        expected_prev = envelope["hash"]
        count += 1
    if not quiet:
        print(f"ok: {count} events, last seq {expected_seq - 1}, last hash {expected_prev}")
    return 0


def main():
    parser = argparse.ArgumentParser(description="Verify the hash chain of a TaskLedger NDJSON export.")
    parser.add_argument("export", help="the NDJSON file written by `taskledger export`")
    parser.add_argument("--from-seq", type=int, default=1, metavar="N", help="the seq of the first line (default 1)")
    parser.add_argument("--prev", metavar="HASH", help="the hash of event N-1; required with --from-seq above 1")
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    arguments = parser.parse_args()

    if arguments.from_seq < 1:
        parser.error("--from-seq must be at least 1")
    if arguments.from_seq == 1:
        if arguments.prev not in (None, GENESIS_PREV):
            parser.error("the event with seq 1 has prev = 64 zeros; --prev is only for --from-seq above 1")
        first_prev = GENESIS_PREV
    else:
        if arguments.prev is None or not HEX64.fullmatch(arguments.prev):
            parser.error("--from-seq above 1 needs --prev with the 64 lowercase hex digits of the hash before it")
        first_prev = arguments.prev

    try:
        with open(arguments.export, "rb") as stream:
            return verify(stream, arguments.from_seq, first_prev, arguments.quiet)
    except OSError as error:
        print(f"cannot read {arguments.export}: {error.strerror}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
