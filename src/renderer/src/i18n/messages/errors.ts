/** Names of the error codes a call can end in that no feature owns; zh-CN is the reference, en must have every key. */
export const zh = {
  'error.code.bad-response': '主机应答无法识别',
  'error.code.timeout': '主机未在时限内应答',
  'error.code.cancelled': '已取消',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'error.code.bad-response': 'Unreadable reply from the host',
  'error.code.timeout': 'No reply from the host in time',
  'error.code.cancelled': 'Cancelled',
};
