import { contextBridge } from 'electron';
import { channelNames } from '../shared/contract';

contextBridge.exposeInMainWorld('channels', channelNames);
