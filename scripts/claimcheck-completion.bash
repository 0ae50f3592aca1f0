# SPDX-License-Identifier: MIT
# bash completion for claimcheck. Installed as
# share/bash-completion/completions/claimcheck; or: source scripts/claimcheck-completion.bash
_claimcheck() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null 2>&1; then
    _init_completion || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi
  local commands="validate check explain derive trend extract coverage scan report"
  if [ "$cword" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
    return
  fi
  local command=${words[1]} options formats=""
  case $command in
    validate) options="--root --format --strict --quiet -q --limit --jobs -j --help -h"; formats="text json sarif github" ;;
    check) options="--root --format --strict --quiet -q --verbose -v --color --output -o --force --review-url --review-date --reviewer --reviewer-url --document-url --min-level --baseline --limit --jobs -j --help -h"
           formats="text md json sarif github claimreview" ;;
    explain) options="--root --format --output -o --force --color --limit --jobs -j --help -h"; formats="text md json" ;;
    derive) options="--id --root --format --output -o --force --limit --jobs -j --help -h"; formats="text md json csv" ;;
    trend) options="--series --root --format --output -o --svg --force --limit --jobs -j --help -h"; formats="text md csv json" ;;
    extract) options="--input-format --strict --format --all --skeleton --quiet -q --year --root --output -o --force --limit --help -h"; formats="text jsonl json" ;;
    scan) options="--format --all --skeleton --input-format --strict --color --output -o --force --limit --help -h"; formats="text jsonl json sarif github" ;;
    coverage) options="--root --format --quiet -q --output -o --force --limit --jobs -j --help -h"; formats="text json sarif github" ;;
    report) options="--html --force --root --review-url --review-date --reviewer --reviewer-url --document-url --limit --jobs -j --help -h" ;;
    *) return ;;
  esac
  case $prev in
    --format) COMPREPLY=($(compgen -W "$formats" -- "$cur")); return ;;
    --root) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --output|-o|--svg|--html|--baseline) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --min-level) COMPREPLY=($(compgen -W "error warning note" -- "$cur")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    # NAME= of the limits (the fields of input_limits, docs/limits.md).
    --limit) COMPREPLY=($(compgen -W "max_file_bytes= max_json_depth= max_string_bytes= max_records= max_expression_chars= max_expression_depth= max_exponent= max_evaluation_steps= max_import_depth= max_dossier_bytes=" -- "$cur"))
             compopt -o nospace 2>/dev/null; return ;;
    --review-url|--review-date|--reviewer|--reviewer-url|--document-url|--year|--id|--series|--jobs|-j) return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$options" -- "$cur"))
  else
    # PATHs: folders and claim files (extract: text files too).
    COMPREPLY=($(compgen -f -- "$cur"))
    compopt -o filenames 2>/dev/null
  fi
}
complete -F _claimcheck claimcheck
