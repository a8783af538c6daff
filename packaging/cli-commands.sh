#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# A help2man include file for calibra-cli's manual page: every command's and subcommand's
# own --help, so that the page cannot drift from the program.
#   cli-commands.sh CALIBRA-CLI > commands.h2m
set -e
cli=$1
roff() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }
section() { # title, then the arguments that print the help
    title=$1
    shift
    printf '.SS "%s"\n.nf\n' "$title"
    "$cli" "$@" --help | sed -e '/^  -h, --help/d' -e '/^  --help-all/d' | roff
    printf '.fi\n'
}
echo "[COMMANDS]"
for c in inspect convert networks simulate platforms supernet run; do
    section "calibra-cli $c" "$c"
done
for s in train-offline check finetune predict evaluate; do
    section "calibra-cli predictor $s" predictor "$s"
done
for s in status validate; do
    section "calibra-cli board $s" board "$s"
done
for s in submit status cancel; do
    section "calibra-cli farm $s" farm "$s"
done
for s in submit status watch cancel resume fetch; do
    section "calibra-cli nas $s" nas "$s"
done
