#!/usr/bin/env bash
# Every machine check of the security promises, one after the other, each
# timed; a summary table at the end. Exits non-zero when any failed.
#     bash .ci/check-promises.sh                 # all
#     CHECKS="taint residue" bash .ci/check-promises.sh
cd "$(dirname "$0")/.."
checks=(${CHECKS:-taint residue seccomp tsan miri fuzz i686})
declare -A took result
for c in "${checks[@]}"; do
    start=$SECONDS
    if bash ".ci/check-$c.sh"; then result[$c]=ok; else result[$c]=FAIL; fi
    took[$c]=$((SECONDS - start))
done
printf '\n==== security checks ====\n'
passed=0
failed=0
for c in "${checks[@]}"; do
    printf '%-4s %-8s %4ds\n' "${result[$c]}" "$c" "${took[$c]}"
    if [ "${result[$c]}" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "security checks: $passed passed, $failed failed"
((failed == 0))
