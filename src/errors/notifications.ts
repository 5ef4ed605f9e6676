import { defineErrors } from './types.ts';

// Notifications (docs/notifications.md): the inbox, the preferences and what a notification may carry.
// Retired codes are never reused.
export const notificationsErrors = defineErrors({
  'NOTIFY.NOT_FOUND': { status: 404, message: '没有这条消息', fix: '刷新消息列表后重试；只能操作发给本人的消息' },
  'NOTIFY.PREFERENCES_INVALID': { status: 422, message: '消息设置不能保存', fix: '按 violations 逐项改正后重新保存' },
  'NOTIFY.KIND_UNKNOWN': { status: 422, message: '没有这种消息类型', fix: '消息类型见 GET /notifications/preferences 返回的 kinds' },
  'NOTIFY.CHANNEL_UNKNOWN': { status: 422, message: '没有这种接收渠道', fix: '接收渠道为 web（站内消息）、mail（电子邮件）、dingtalk（钉钉）、wecom（企业微信）' },
  'NOTIFY.WEB_REQUIRED': { status: 422, message: '站内消息不能关闭', fix: '每种消息都保留 web：站内消息是向本人告知的记录；可关闭的是邮件、钉钉和企业微信' },
  'NOTIFY.QUIET_HOURS_INVALID': { status: 422, message: '免打扰时段格式不正确', fix: '写为 HH:MM 至 HH:MM（如 22:00 至 07:30），起止不同；不需要时置为 null' },
  'NOTIFY.MAIL_INVALID': { status: 422, message: '电子邮件地址不正确', fix: '填写本人的工作邮箱，如 zhangsan@wuwei.gov.cn；不用邮件时取消邮件渠道' },
  'NOTIFY.NO_INBOX': { status: 409, message: '本账号不对应具体人员，没有个人消息', fix: '管理员账号不接收业务消息；以本人的业务账号登录查看' },
  'NOTIFY.STREAM_ONLY': { status: 406, message: '此地址只提供事件流（text/event-stream）', fix: '用 EventSource 连接，或改用 GET /notifications/unread-count 读取未读数' },
  'NOTIFY.CLASSIFIED': { status: 422, message: '涉密事项不得通过政通告知', fix: '标注秘密、机密、绝密的事项不进入本系统，请通过涉密渠道传递', article: 82 },
  'NOTIFY.TITLE_MISSING': { status: 422, message: '消息须有标题', fix: '发出消息的业务须给出事项标题' },
  'NOTIFY.LINK_INVALID': { status: 422, message: '消息链接应为系统内的路径', fix: '发出消息的业务须给出以 / 开头的页面路径' },
  'NOTIFY.ARTICLE_MISSING': { status: 422, message: '消息须注明依据的条款', fix: '发出消息的业务须给出所依据规则的条款号' },
});
