#!/usr/bin/env python3
"""Adds or updates texts in both resource files at once, so no key exists in one language only.

Usage: scripts/resx.py KEY "English text" "中文文本"   (or with no arguments, to re-sort both files)
"""
import sys, os, re
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(__file__), '..', 'src', 'TitleBridge.Web', 'Resources')
FILES = {'en': 'SharedResource.en.resx', 'zh': 'SharedResource.zh-Hans.resx'}
HEAD = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def read(lang):
    path = os.path.join(ROOT, FILES[lang])
    if not os.path.exists(path):
        return {}
    text = open(path, encoding='utf-8').read()
    from xml.etree import ElementTree as ET
    root = ET.fromstring(text)
    return {d.get('name'): d.find('value').text or '' for d in root.findall('data')}

def write(lang, entries):
    path = os.path.join(ROOT, FILES[lang])
    out = [HEAD]
    for k in sorted(entries):
        out.append(f'  <data name="{escape(k)}" xml:space="preserve"><value>{escape(entries[k])}</value></data>\n')
    out.append('</root>\n')
    open(path, 'w', encoding='utf-8').write(''.join(out))

def set_many(items):
    en, zh = read('en'), read('zh')
    for k, e, z in items:
        en[k], zh[k] = e, z
    write('en', en); write('zh', zh)

if __name__ == '__main__':
    args = sys.argv[1:]
    if len(args) % 3:
        sys.exit(__doc__)
    set_many([tuple(args[i:i+3]) for i in range(0, len(args), 3)])
