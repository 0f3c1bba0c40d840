#!/usr/bin/env bash
# The translation catalogs, core/CLI (domain "sopap") and web (Django's "django"): extract every marked
# text from the code, merge it into the .po files (the source translators edit), fill the Indonesian
# catalogs (their msgids are Indonesian already), compile the .mo files, and list what English still lacks.
#   bash scripts/messages.sh          extract + merge + compile
#   bash scripts/messages.sh core     only the core's and the CLI's catalogs
#   bash scripts/messages.sh compile  only compile (after editing a .po)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"

core_locale=src/sopap/core/locale
web_locale=src/sopap/web/locale

extract_core() {
  mkdir -p "$core_locale"
  find src/sopap/core src/sopap/cli -name '*.py' | sort | xargs xgettext --language=Python --from-code=UTF-8 \
    --keyword= --keyword=N_ --keyword=tr:1 --keyword=Text:1 --keyword=C_:1c,2 --keyword=Nn_:1,2 --keyword=trn:1,2 --keyword=_fail:2 --add-comments=Translators \
    --no-wrap --sort-by-file --package-name=sopap --msgid-bugs-address=- --output="$core_locale/sopap.pot"
  for lang in id en; do
    po="$core_locale/$lang/LC_MESSAGES/sopap.po"
    mkdir -p "$(dirname "$po")"
    if [ ! -f "$po" ]; then
      msginit --no-translator --no-wrap --locale="$lang" --input="$core_locale/sopap.pot" --output-file="$po" >/dev/null
      # Indonesian has one form whatever the number; English catalogs start with msgstr = msgid, to be replaced.
      sed -i 's/nplurals=INTEGER; plural=EXPRESSION;/nplurals=1; plural=0;/' "$po"
    fi
    # Indonesian msgids are their own translation: a near match from an older text would only mislead.
    fuzzy=(); [ "$lang" = id ] && fuzzy=(--no-fuzzy-matching)
    msgmerge --quiet --update --backup=none --no-wrap --sort-by-file "${fuzzy[@]}" "$po" "$core_locale/sopap.pot"
    msgattrib --no-obsolete --no-wrap --output-file="$po" "$po"
  done
  rm -f "$core_locale/sopap.pot"
}

extract_web() {
  (cd src/sopap/web && SOPAP_DEBUG=1 django-admin makemessages -l en -l id --no-obsolete \
    --settings=sopap.web.settings >/dev/null)
}

fill_indonesian() {
  msgen --no-wrap --output-file="$core_locale/id/LC_MESSAGES/sopap.po" "$core_locale/id/LC_MESSAGES/sopap.po"
  sed -i '/^msgstr\[[1-9]\]/d' "$core_locale/id/LC_MESSAGES/sopap.po"
  msgen --output-file="$web_locale/id/LC_MESSAGES/django.po" "$web_locale/id/LC_MESSAGES/django.po"
}

compile_all() {
  for po in "$core_locale"/*/LC_MESSAGES/sopap.po "$web_locale"/*/LC_MESSAGES/django.po; do
    msgfmt --output-file="${po%.po}.mo" "$po"
  done
  for po in "$core_locale"/en/LC_MESSAGES/sopap.po "$web_locale"/en/LC_MESSAGES/django.po; do
    untranslated=$(msgattrib --untranslated "$po" | grep -c '^msgid ' || true)
    fuzzy=$(msgattrib --only-fuzzy "$po" | grep -c '^msgid ' || true)
    [ "$untranslated$fuzzy" = "00" ] || echo "$po: $((untranslated > 0 ? untranslated - 1 : 0)) untranslated, $((fuzzy > 0 ? fuzzy - 1 : 0)) fuzzy" >&2
  done
}

case "${1:-all}" in
  compile) compile_all ;;
  core) extract_core; fill_indonesian; compile_all ;;
  all) extract_core; extract_web; fill_indonesian; compile_all ;;
  *) echo "usage: $0 [compile]" >&2; exit 2 ;;
esac
