"""The messages for the typing mistakes in YAML (:mod:`.typos`), in Chinese.

``{n}`` is the line, ``{fixed}`` the line as it should be written.
"""

from __future__ import annotations

FULLWIDTH_COLON = "第 {n} 行的冒号是全角的「：」：YAML 只认半角冒号加空格「: 」，请改为 `{fixed}`"
FULLWIDTH_COMMA_LIST = (
    "第 {n} 行方括号里的「{char}」是全角的：列表各项之间要用半角逗号加空格「, 」分开，"
    "否则几项会被当成一项，请改为 `{fixed}`"
)
FULLWIDTH_COMMA_FIELDS = (
    "第 {n} 行花括号里字段之间的逗号是全角的「，」：字段之间要用半角逗号加空格「, 」分开，请改为 `{fixed}`"
)
NO_SPACE_AFTER_COLON = (
    "第 {n} 行的冒号后面缺少空格：YAML 只认半角冒号加空格「: 」，"
    "不加空格时「{written}」会被当成一整段文字，请改为 `{fixed}`"
)
WIDE_SPACE_AFTER_COLON = "第 {n} 行冒号后面的空格是全角的「　」：YAML 只认半角冒号加半角空格「: 」，请改为 `{fixed}`"
NO_SPACE_AFTER_DASH = (
    "第 {n} 行的「-」后面缺少空格：列表的每一项以「- 」（半角连字符加空格）开头，"
    "不加空格时「{written}」会被当成文字，请改为 `{fixed}`"
)
WIDE_DASH = "第 {n} 行开头的「{char}」不是半角连字符：列表的每一项以半角的「- 」开头，请改为 `{fixed}`"
TAB_INDENT = (
    "第 {n} 行用制表符（Tab）缩进：YAML 只能用空格缩进，请把行首的 Tab 换成空格，与同一层的字段左对齐，改为 `{fixed}`"
)
WIDE_SPACE_INDENT = (
    "第 {n} 行行首是全角空格「　」：YAML 只能用半角空格缩进，请换成半角空格，与同一层的字段左对齐，改为 `{fixed}`"
)
BLANK_LINE = "第 {n} 行看起来是空行，其实有制表符（Tab）或全角空格「　」：YAML 不接受，请删去这一行里的空白"
TAB_IN_LINE = "第 {n} 行引号外面有制表符（Tab）：YAML 只接受半角空格，请把 Tab 换成空格，改为 `{fixed}`"
COLON_IN_TEXT = (
    "第 {n} 行的文字里有「: 」（冒号加空格），YAML 会以为这里又开始了一个字段，这里不能出现「: 」："
    "请给整段文字加上英文双引号，改为 `{fixed}`"
)
HASH_IN_TEXT = (
    "第 {n} 行文字里的「 #」会被 YAML 当成注释的开头，后面的文字会丢掉：如果「#」是文字的一部分，"
    "请给整段文字加上英文双引号，改为 `{fixed}`"
)

#: The messages that show the line with its indentation.
INDENTATION_MESSAGES = (TAB_INDENT, WIDE_SPACE_INDENT)
